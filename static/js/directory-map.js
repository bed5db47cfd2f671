/*
 * Sociale kaart map: the places of the list as (clustered) markers over the CBS buurt
 * boundaries, on #directory-map with Leaflet. No tiles unless the platform configures them.
 *
 * Progressive enhancement: the list on the page has every service; the map section stays
 * hidden until the data has loaded. Plain browser script, no build step. Needs Leaflet
 * (window.L); uses Leaflet.markercluster (L.markerClusterGroup) when it is loaded.
 */
(function () {
  'use strict';

  function attr(el, name, fallback) {
    var v = el.getAttribute(name);
    return v === null || v === '' ? fallback : v;
  }

  function isLocalPath(s) {
    return typeof s === 'string' && s.charAt(0) === '/' && s.charAt(1) !== '/';
  }

  function getJson(url) {
    return fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/geo+json, application/json' } })
      .then(function (res) {
        if (!res.ok) throw new Error('GeoJSON ' + res.status);
        return res.json();
      });
  }

  function popupFor(p) {
    var box = document.createElement('span');
    var name = document.createElement(isLocalPath(p.url) ? 'a' : 'strong');
    name.textContent = p.name || '';
    if (isLocalPath(p.url)) name.setAttribute('href', p.url);
    box.appendChild(name);
    if (p.address) {
      box.appendChild(document.createElement('br'));
      box.appendChild(document.createTextNode(p.address));
    }
    return box;
  }

  function draw(el, section, places, boundaries) {
    section.hidden = false;
    var map = L.map(el, { scrollWheelZoom: false, maxZoom: 18 });
    map.attributionControl.setPrefix('CBS, Kadaster/PDOK | <a href="https://leafletjs.com">Leaflet</a>');
    var tileUrl = attr(el, 'data-tile-url', '');
    if (tileUrl) L.tileLayer(tileUrl, { maxZoom: 19, attribution: attr(el, 'data-tile-attribution', '') }).addTo(map);

    var areas = null;
    if (boundaries && Array.isArray(boundaries.features)) {
      areas = L.geoJSON(boundaries, {
        style: function () { return { color: '#505a5f', weight: 1, fillColor: '#dfe6e8', fillOpacity: 0.5 }; },
        filter: function (f) { return f.geometry && f.geometry.type !== 'Point'; },
        interactive: false
      }).addTo(map);
    }
    var group = typeof L.markerClusterGroup === 'function' ? L.markerClusterGroup() : L.featureGroup();
    var features = (places && Array.isArray(places.features)) ? places.features : [];
    var points = [];
    features.forEach(function (f) {
      if (!f.geometry || f.geometry.type !== 'Point') return;
      var c = f.geometry.coordinates;
      var marker = L.circleMarker([c[1], c[0]], { radius: 8, color: '#ffffff', weight: 2, fillColor: '#1d70b8', fillOpacity: 0.9 });
      marker.bindPopup(popupFor(f.properties || {}));
      group.addLayer(marker);
      points.push([c[1], c[0]]);
    });
    // The view first: the cluster layer needs a zoom level when it is added.
    var bounds = areas && areas.getBounds().isValid() ? areas.getBounds() : L.latLngBounds(points);
    if (bounds && bounds.isValid()) {
      map.fitBounds(bounds, { padding: [12, 12] });
    } else {
      map.setView([parseFloat(attr(el, 'data-lat', '51.84')), parseFloat(attr(el, 'data-lon', '5.85'))], 12);
    }
    group.addTo(map);
    el.setAttribute('data-map-ready', String(features.length));
  }

  function start() {
    var el = document.getElementById('directory-map');
    if (!el || typeof window.L === 'undefined' || typeof window.fetch !== 'function') return;
    var section = el.closest('[data-map-section]') || el.parentNode;
    var placesUrl = attr(el, 'data-geojson', '');
    var boundariesUrl = attr(el, 'data-boundaries', '');
    if (!isLocalPath(placesUrl)) return;
    Promise.all([getJson(placesUrl), isLocalPath(boundariesUrl) ? getJson(boundariesUrl).catch(function () { return null; }) : null])
      .then(function (r) { draw(el, section, r[0], r[1]); })
      .catch(function (err) {
        section.hidden = true;  // the list has everything
        if (window.console) console.warn('Sociale kaart map not shown:', err);
      });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
