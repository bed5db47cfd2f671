/*
 * Buurtplein map: draws the buurten of a city or site on #city-map with Leaflet.
 *
 * Progressive enhancement: the page is complete without this script (the list of sites and
 * buurten is the content). The map section stays hidden until the GeoJSON has loaded.
 * Plain browser script, no modules and no build step. Needs Leaflet (window.L) loaded first.
 */
(function () {
  'use strict';

  var GREY = '#8a9396';

  function textOf(el, name, fallback) {
    var v = el.getAttribute(name);
    return v === null || v === '' ? fallback : v;
  }

  function numberOf(el, name, fallback) {
    var v = parseFloat(el.getAttribute(name));
    return isFinite(v) ? v : fallback;
  }

  function escapeHtml(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  function isColour(s) {
    return typeof s === 'string' && /^#[0-9a-fA-F]{6}$/.test(s);
  }

  // The server only hands out same-origin paths; anything else is not followed.
  function isLocalPath(s) {
    return typeof s === 'string' && s.charAt(0) === '/' && s.charAt(1) !== '/';
  }

  function styleFor(props) {
    return {
      color: '#ffffff',
      weight: 1.5,
      opacity: 1,
      fillColor: isColour(props.colour) ? props.colour : GREY,
      fillOpacity: 0.65
    };
  }

  // Puts a small colour square before each site link in the list, so the list doubles as the
  // map legend. Decorative only: the link text already names the site.
  function addSwatches(features) {
    var colours = {};
    features.forEach(function (f) {
      var p = f.properties || {};
      if (isLocalPath(p.site_url) && isColour(p.colour)) colours[p.site_url] = p.colour;
    });
    var links = document.querySelectorAll('.site-list .card-title a[href]');
    Array.prototype.forEach.call(links, function (a) {
      var colour = colours[a.getAttribute('href')];
      if (!colour || a.parentNode.querySelector('.swatch')) return;
      var sw = document.createElement('span');
      sw.className = 'swatch';
      sw.setAttribute('aria-hidden', 'true');
      sw.style.backgroundColor = colour;  // CSSOM, allowed by style-src 'self'
      a.parentNode.insertBefore(sw, a);
    });
  }

  function tooltipFor(props, noSiteLabel) {
    var box = document.createElement('span');
    var buurt = document.createElement('strong');
    buurt.textContent = props.name || props.code || '';
    box.appendChild(buurt);
    box.appendChild(document.createElement('br'));
    box.appendChild(document.createTextNode(props.site_name || noSiteLabel));
    return box;
  }

  function draw(el, section, data) {
    var features = (data && Array.isArray(data.features)) ? data.features : [];
    var sourceEl = section.querySelector('[data-map-source]');
    var sourceText = sourceEl ? sourceEl.textContent.trim() : 'Bron: CBS, Kadaster/PDOK';
    var noSiteLabel = textOf(el, 'data-label-no-site', '');

    // Show the section first: Leaflet measures the container when the map is created.
    section.hidden = false;

    var map = L.map(el, {
      zoomControl: false,
      scrollWheelZoom: false,  // the page scrolls past the map; zoom with +/- or keyboard
      attributionControl: true
    });
    L.control.zoom({
      zoomInTitle: textOf(el, 'data-label-zoom-in', 'Zoom in'),
      zoomOutTitle: textOf(el, 'data-label-zoom-out', 'Zoom out')
    }).addTo(map);
    map.attributionControl.setPrefix(
      escapeHtml(sourceText) + ' | <a href="https://leafletjs.com">Leaflet</a>');

    var tileUrl = textOf(el, 'data-tile-url', '');
    if (tileUrl) {
      L.tileLayer(tileUrl, {
        maxZoom: 19,
        attribution: escapeHtml(textOf(el, 'data-tile-attribution', ''))
      }).addTo(map);
    }

    var layer = L.geoJSON(data, {
      style: function (f) { return styleFor(f.properties || {}); },
      pointToLayer: function (f, latlng) {
        return L.circleMarker(latlng, L.extend({ radius: 8 }, styleFor(f.properties || {})));
      },
      onEachFeature: function (f, lyr) {
        var p = f.properties || {};
        lyr.bindTooltip(tooltipFor(p, noSiteLabel), { sticky: true, direction: 'top' });
        lyr.on('mouseover', function () { lyr.setStyle({ weight: 3, color: '#0b0c0c' }); });
        lyr.on('mouseout', function () { layer.resetStyle(lyr); });
        // Name the drawn shape after its buurt and site (for styling and tests).
        lyr.on('add', function () {
          var shape = lyr.getElement && lyr.getElement();
          if (!shape) return;
          shape.setAttribute('data-code', p.code || '');
          if (isLocalPath(p.site_url)) shape.setAttribute('data-site-url', p.site_url);
        });
        if (isLocalPath(p.site_url)) {
          lyr.on('click', function () { window.location.href = p.site_url; });
        }
      }
    }).addTo(map);

    var bounds = layer.getBounds();
    if (bounds.isValid()) {
      map.fitBounds(bounds, { padding: [12, 12] });
    } else {
      map.setView([numberOf(el, 'data-lat', 52.1), numberOf(el, 'data-lon', 5.3)],
                  numberOf(el, 'data-zoom', 12));
    }
    addSwatches(features);
    el.setAttribute('data-map-ready', String(features.length));
  }

  function start() {
    var el = document.getElementById('city-map');
    if (!el || typeof window.L === 'undefined' || typeof window.fetch !== 'function') return;
    var section = el.closest('[data-map-section]') || el.parentNode;
    var url = el.getAttribute('data-geojson');
    if (!url) return;

    fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/geo+json, application/json' } })
      .then(function (res) {
        if (!res.ok) throw new Error('GeoJSON ' + res.status);
        return res.json();
      })
      .then(function (data) { draw(el, section, data); })
      .catch(function (err) {
        // No map, but the list below still has every site: nothing else to do.
        section.hidden = true;
        if (window.console) console.warn('Buurtplein map not shown:', err);
      });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
