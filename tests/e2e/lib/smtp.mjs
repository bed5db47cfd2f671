// A tiny real SMTP server for the browser tests (RFC 5321, no TLS, no AUTH): it listens on
// 127.0.0.1, accepts every message and keeps it. Enough for libcurl, which the server's SMTP
// transport uses: EHLO/HELO, MAIL FROM, RCPT TO, DATA (with dot-unstuffing), RSET, NOOP, QUIT.
// Also: a small MIME reader (multipart, quoted-printable, base64, encoded-word headers).
import { createServer } from 'node:net';

/**
 * Starts the server. Returns { port, messages, waitForMessage, close }, where each message is
 * { from, to: [...], data } with `data` the message as received (CRLF line ends, unstuffed).
 */
export async function startSmtpServer({ hostname = 'smtp.test' } = {}) {
  const messages = [];
  const waiters = new Set();
  const sockets = new Set();

  const deliver = (message) => {
    messages.push(message);
    for (const w of [...waiters]) {
      if (w.predicate(message)) { waiters.delete(w); clearTimeout(w.timer); w.resolve(message); }
    }
  };

  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});  // a client that hangs up is not the test's business
    socket.setEncoding('latin1');  // byte for byte: a line is bytes, not UTF-8
    const reply = (line) => { if (!socket.destroyed) socket.write(`${line}\r\n`, 'latin1'); };

    let buffer = '';
    let envelope = null;      // { from, to } after MAIL FROM
    let greeted = false;
    let dataLines = null;     // array while reading DATA

    const command = (line) => {
      const verb = line.slice(0, 4).toUpperCase();
      const arg = line.slice(4).trim();
      switch (verb) {
        case 'EHLO':
          greeted = true; envelope = null;
          reply(`250-${hostname} hello ${arg}`);
          reply('250-8BITMIME');
          reply('250 PIPELINING');
          return;
        case 'HELO':
          greeted = true; envelope = null;
          reply(`250 ${hostname} hello ${arg}`);
          return;
        case 'MAIL': {
          const m = /^FROM:\s*<([^>]*)>/i.exec(arg);
          if (!greeted) return reply('503 5.5.1 Say EHLO first');
          if (!m) return reply('501 5.5.4 Syntax: MAIL FROM:<address>');
          if (envelope) return reply('503 5.5.1 Nested MAIL command');
          envelope = { from: m[1], to: [] };
          return reply('250 2.1.0 OK');
        }
        case 'RCPT': {
          const m = /^TO:\s*<([^>]+)>/i.exec(arg);
          if (!envelope) return reply('503 5.5.1 Need MAIL first');
          if (!m) return reply('501 5.5.4 Syntax: RCPT TO:<address>');
          envelope.to.push(m[1]);
          return reply('250 2.1.5 OK');
        }
        case 'DATA':
          if (!envelope || envelope.to.length === 0) return reply('503 5.5.1 Need RCPT first');
          dataLines = [];
          return reply('354 End data with <CR><LF>.<CR><LF>');
        case 'RSET':
          envelope = null;
          return reply('250 2.0.0 OK');
        case 'NOOP':
          return reply('250 2.0.0 OK');
        case 'QUIT':
          reply(`221 2.0.0 ${hostname} closing`);
          socket.end();
          return;
        default:
          return reply('502 5.5.2 Command not implemented');
      }
    };

    const line = (text) => {
      if (dataLines) {
        if (text === '.') {
          const data = dataLines.length ? `${dataLines.join('\r\n')}\r\n` : '';
          const message = { ...envelope, data: Buffer.from(data, 'latin1').toString('utf8') };
          dataLines = null;
          envelope = null;
          reply('250 2.0.0 OK: queued');
          deliver(message);
        } else {
          dataLines.push(text.startsWith('.') ? text.slice(1) : text);  // dot-unstuffing
        }
        return;
      }
      command(text);
    };

    socket.on('data', (chunk) => {
      buffer += chunk;
      let end;
      while ((end = buffer.indexOf('\r\n')) !== -1) {  // pipelined commands: one by one
        const text = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        line(text);
      }
    });
    reply(`220 ${hostname} ESMTP test server`);
  });

  await new Promise((res, rej) => {
    server.once('error', rej);
    server.listen(0, '127.0.0.1', res);
  });

  return {
    port: server.address().port,
    messages,
    /** The first message (already received or still to come) that `predicate` accepts. */
    waitForMessage(predicate = () => true, timeoutMs = 10_000) {
      const found = messages.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const w = { predicate, resolve };
        w.timer = setTimeout(() => {
          waiters.delete(w);
          reject(new Error(`No matching mail within ${timeoutMs} ms; received: ` +
            JSON.stringify(messages.map((m) => ({ from: m.from, to: m.to, subject: parseMessage(m.data).headers.subject })))));
        }, timeoutMs);
        waiters.add(w);
      });
    },
    close() {
      for (const s of sockets) s.destroy();
      for (const w of waiters) clearTimeout(w.timer);
      return new Promise((res) => server.close(() => res()));
    },
  };
}

/** Quoted-printable (RFC 2045) to text: soft line breaks go, =XX become bytes, read as UTF-8. */
export function decodeQuotedPrintable(text, charset = 'utf-8') {
  const unfolded = text.replace(/=\r?\n/g, '');
  const bytes = [];
  for (let i = 0; i < unfolded.length; i++) {
    const c = unfolded[i];
    if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(unfolded.slice(i + 1, i + 3))) {
      bytes.push(parseInt(unfolded.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(c, 'utf8'));
    }
  }
  return new TextDecoder(charset).decode(Uint8Array.from(bytes));
}

/** Encoded words in a header (RFC 2047), B and Q. */
export function decodeHeader(value) {
  return value
    .replace(/\?=\s+=\?/g, '?==?')  // whitespace between encoded words is not shown
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_, charset, enc, data) => (enc.toUpperCase() === 'B'
      ? new TextDecoder(charset).decode(Buffer.from(data, 'base64'))
      : decodeQuotedPrintable(data.replace(/_/g, ' '), charset)));
}

function splitHeaders(raw) {
  const cut = raw.search(/\r?\n\r?\n/);
  const head = cut === -1 ? raw : raw.slice(0, cut);
  const body = cut === -1 ? '' : raw.slice(cut).replace(/^\r?\n\r?\n/, '');
  const headers = {};
  for (const line of head.replace(/\r?\n[ \t]/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = decodeHeader(line.slice(colon + 1).trim());
  }
  return { headers, body };
}

/**
 * Reads a message: { headers (lower-case names, decoded), parts: [{ type, text }] } with the
 * leaf parts of a multipart message (or the one body), each decoded to text.
 */
export function parseMessage(raw) {
  const { headers, body } = splitHeaders(raw);
  const parts = [];
  const walk = (h, b) => {
    const type = (h['content-type'] || 'text/plain').toLowerCase();
    const boundary = /boundary="?([^";]+)"?/i.exec(h['content-type'] || '')?.[1];
    if (type.startsWith('multipart/') && boundary) {
      const sections = b.split(`--${boundary}`);
      for (const section of sections.slice(1)) {
        if (section.startsWith('--')) break;  // the closing delimiter
        const sub = splitHeaders(section.replace(/^\r?\n/, ''));
        walk(sub.headers, sub.body.replace(/\r?\n$/, ''));
      }
      return;
    }
    const charset = /charset="?([^";]+)"?/i.exec(h['content-type'] || '')?.[1] || 'utf-8';
    const encoding = (h['content-transfer-encoding'] || '7bit').toLowerCase();
    const text = encoding === 'quoted-printable' ? decodeQuotedPrintable(b, charset)
      : encoding === 'base64' ? new TextDecoder(charset).decode(Buffer.from(b, 'base64'))
        : b;
    parts.push({ type: type.split(';')[0].trim(), text });
  };
  walk(headers, body);
  return { headers, parts };
}
