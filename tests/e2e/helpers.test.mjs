// The test helpers checked on their own, so a failing journey is never the harness's fault:
// TOTP against the RFC 6238 vectors, the SMTP server through a raw socket, the MIME reader.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { base32Decode, hotp, totp } from './lib/totp.mjs';
import { startSmtpServer, decodeQuotedPrintable, decodeHeader, parseMessage } from './lib/smtp.mjs';

test('TOTP: RFC 6238 appendix B (SHA-1) and RFC 4226 appendix D', () => {
  const key = Buffer.from('12345678901234567890');
  for (const [seconds, code] of [[59, '94287082'], [1111111109, '07081804'], [1111111111, '14050471'],
    [1234567890, '89005924'], [2000000000, '69279037'], [20000000000, '65353130']]) {
    assert.equal(totp(key, { time: seconds * 1000, digits: 8 }), code, `T = ${seconds}`);
  }
  assert.deepEqual([0, 1, 9].map((c) => hotp(key, c)), ['755224', '287082', '520489']);
  // The same key in Base32, as an app would get it (grouped, lower case, padded).
  assert.deepEqual(base32Decode('gezd gnbv gy3t qojq gezd gnbv gy3t qojq'), key);
  assert.equal(totp('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ====', { time: 59_000 }), '287082');
  assert.equal(totp(key, { time: 29_000, steps: 1 }), totp(key, { time: 30_000 }));
  assert.throws(() => base32Decode('ABC1'), /Base32/);
});

test('quoted-printable and encoded words', () => {
  assert.equal(decodeQuotedPrintable('Caf=C3=A9 http://x/account/verify/abc=\r\ndef =3D ok'),
    'Café http://x/account/verify/abcdef = ok');
  assert.equal(decodeHeader('=?UTF-8?B?QmV2ZXN0aWc=?= =?UTF-8?Q?_je_caf=C3=A9?='), 'Bevestig je café');
});

/** Talks to the server like a client: sends each line, returns every reply line. */
async function converse(port, lines) {
  const socket = connect(port, '127.0.0.1');
  socket.setEncoding('utf8');
  let received = '';
  socket.on('data', (d) => { received += d; });
  await new Promise((res) => socket.once('connect', res));
  socket.write(lines.map((l) => `${l}\r\n`).join(''));  // all at once: pipelining
  await new Promise((res) => socket.once('end', res));
  socket.destroy();
  return received.split('\r\n').filter(Boolean);
}

test('SMTP server: a session with RSET, NOOP, two recipients and dot-stuffed lines', async () => {
  const smtp = await startSmtpServer();
  try {
    const replies = await converse(smtp.port, [
      'EHLO client.test', 'RCPT TO:<early@x.nl>', 'MAIL FROM:<a@x.nl>', 'RSET', 'NOOP', 'DATA',
      'MAIL FROM:<from@x.nl>', 'RCPT TO:<one@x.nl>', 'RCPT TO:<two@x.nl>', 'DATA',
      'Subject: =?UTF-8?Q?Hall=C3=B3?=', 'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: quoted-printable', '',
      '..a line that starts with a dot', 'link=3D/account/verify/=', 'tok', '.', 'HELP', 'QUIT',
    ]);
    assert.deepEqual(replies.map((r) => r.slice(0, 4)), [
      '220 ', '250-', '250-', '250 ', '503 ', '250 ', '250 ', '250 ', '503 ',
      '250 ', '250 ', '250 ', '354 ', '250 ', '502 ', '221 ']);
    const mail = await smtp.waitForMessage((m) => m.to.includes('two@x.nl'));
    assert.equal(smtp.messages.length, 1);
    assert.deepEqual({ from: mail.from, to: mail.to }, { from: 'from@x.nl', to: ['one@x.nl', 'two@x.nl'] });
    const { headers, parts } = parseMessage(mail.data);
    assert.equal(headers.subject, 'Halló');
    assert.deepEqual(parts, [{ type: 'text/plain', text: '.a line that starts with a dot\r\nlink=/account/verify/tok\r\n' }]);
    await assert.rejects(smtp.waitForMessage((m) => m.to.includes('nobody@x.nl'), 50), /No matching mail/);
  } finally {
    await smtp.close();
  }
});

test('MIME: the parts of a multipart/alternative message', () => {
  const raw = ['Subject: s', 'Content-Type: multipart/alternative; boundary="=_b"', '', '--=_b',
    'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: quoted-printable', '',
    'tw=C3=A9e', '--=_b', 'Content-Type: text/html; charset=utf-8', 'Content-Transfer-Encoding: base64', '',
    Buffer.from('<p>drie</p>').toString('base64'), '--=_b--', ''].join('\r\n');
  assert.deepEqual(parseMessage(raw).parts, [{ type: 'text/plain', text: 'twée' }, { type: 'text/html', text: '<p>drie</p>' }]);
});
