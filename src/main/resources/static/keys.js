// Pillar console: a delegate's signing key, kept in this browser only.
//
// The key pair is made with WebCrypto (Ed25519) with a non-extractable private key and kept in IndexedDB, so the
// private key never leaves the browser and never reaches the server; the server receives public keys, proofs of
// possession, co-signatures and votes, each a compact JWS (RFC 7515, "alg":"EdDSA") over canonical JSON (RFC 8785).
// Forms opt in with data attributes (see docs/console.md):
//   form[data-pillar-enrol]   makes a key for data-member, signs the possession statement, fills x, kid and proof
//   form[data-pillar-cosign]  signs data-statement with this browser's key of data-member, fills kid and jws
//   form[data-pillar-vote]    builds the vote payload (data-proposal, data-digest, data-member, the form's choice and
//                             reason, the time now) and signs it, fills jws
// The key used is the stored key of the member whose id is in data-kids (keys registered or asked for by the member).
(function () {
  "use strict";
  const DB = "pillar-keys", STORE = "keys";

  function b64url(bytes) {
    let s = "";
    new Uint8Array(bytes).forEach(function (b) { s += String.fromCharCode(b); });
    return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }
  function utf8(text) { return new TextEncoder().encode(text); }

  // RFC 8785 for the flat objects Pillar signs: keys sorted, strings as ECMAScript's JSON.stringify writes them.
  function canonical(obj) {
    return "{" + Object.keys(obj).sort().map(function (k) { return JSON.stringify(k) + ":" + JSON.stringify(obj[k]); }).join(",") + "}";
  }

  function db() {
    return new Promise(function (resolve, reject) {
      const open = indexedDB.open(DB, 1);
      open.onupgradeneeded = function () { open.result.createObjectStore(STORE, { keyPath: "kid" }); };
      open.onsuccess = function () { resolve(open.result); };
      open.onerror = function () { reject(open.error); };
    });
  }
  function tx(mode, work) {
    return db().then(function (d) {
      return new Promise(function (resolve, reject) {
        const t = d.transaction(STORE, mode);
        const r = work(t.objectStore(STORE));
        t.oncomplete = function () { resolve(r && r.result); };
        t.onerror = function () { reject(t.error); };
      });
    });
  }
  function allKeys() { return tx("readonly", function (s) { return s.getAll(); }); }

  async function keyFor(member, kids) {
    const wanted = (kids || "").split(/\s+/).filter(Boolean);
    const keys = (await allKeys()).filter(function (k) { return k.member === member && (wanted.length === 0 || wanted.indexOf(k.kid) >= 0); });
    if (keys.length === 0) {
      throw new Error("this browser holds no key of " + member + " that the partnership knows: enrol one on the Keys page (or use the CLI)");
    }
    return keys.sort(function (a, b) { return b.created - a.created; })[0];
  }

  async function thumbprint(x) {
    const digest = await crypto.subtle.digest("SHA-256", utf8('{"crv":"Ed25519","kty":"OKP","x":"' + x + '"}'));
    return b64url(digest);
  }

  async function jws(payloadText, kid, privateKey) {
    const input = b64url(utf8(canonical({ alg: "EdDSA", kid: kid }))) + "." + b64url(utf8(payloadText));
    const sig = await crypto.subtle.sign({ name: "Ed25519" }, privateKey, utf8(input));
    return input + "." + b64url(sig);
  }

  function fail(form, e) {
    let out = form.querySelector(".js-error");
    if (!out) {
      out = document.createElement("p");
      out.className = "error js-error";
      out.setAttribute("role", "alert");
      form.prepend(out);
    }
    out.textContent = e && e.message ? e.message : String(e);
  }
  function set(form, name, value) {
    let input = form.querySelector('input[name="' + name + '"]');
    if (!input) {
      input = document.createElement("input");
      input.type = "hidden";
      input.name = name;
      form.appendChild(input);
    }
    input.value = value;
  }
  function wire(selector, sign) {
    document.querySelectorAll(selector).forEach(function (form) {
      form.addEventListener("submit", function (ev) {
        if (form.dataset.signed === "yes") { return; }
        ev.preventDefault();
        if (!window.crypto || !crypto.subtle) {
          fail(form, new Error("this browser offers no WebCrypto here (it needs https or localhost): use pillar governance on the command line"));
          return;
        }
        sign(form).then(function () { form.dataset.signed = "yes"; form.submit(); }, function (e) { fail(form, e); });
      });
    });
  }

  wire("form[data-pillar-enrol]", async function (form) {
    const member = form.dataset.member;
    const pair = await crypto.subtle.generateKey({ name: "Ed25519" }, false, ["sign", "verify"]);
    const x = b64url(await crypto.subtle.exportKey("raw", pair.publicKey));
    const kid = await thumbprint(x);
    const proof = await jws(canonical({ kid: kid, member: member, type: "pillar.key-possession", x: x }), kid, pair.privateKey);
    await tx("readwrite", function (s) { return s.put({ kid: kid, member: member, x: x, privateKey: pair.privateKey, created: Date.now() }); });
    set(form, "x", x);
    set(form, "kid", kid);
    set(form, "proof", proof);
  });

  wire("form[data-pillar-cosign]", async function (form) {
    const key = await keyFor(form.dataset.member, form.dataset.kids);
    set(form, "kid", key.kid);
    set(form, "jws", await jws(form.dataset.statement, key.kid, key.privateKey));
  });

  wire("form[data-pillar-vote]", async function (form) {
    const key = await keyFor(form.dataset.member, form.dataset.kids);
    const choice = (form.querySelector('[name="choice"]') || { value: "APPROVE" }).value;
    const reasonField = form.querySelector('[name="reason"]');
    const reason = reasonField ? reasonField.value.trim() : "";
    const vote = { choice: choice, member: form.dataset.member, proposal: form.dataset.proposal, proposalDigest: form.dataset.digest,
      time: new Date(Math.floor(Date.now() / 1000) * 1000).toISOString().replace(".000Z", "Z"), type: "pillar.vote" };
    if (reason) { vote.reason = reason; }
    set(form, "jws", await jws(canonical(vote), key.kid, key.privateKey));
  });

  // The Keys page lists the keys this browser holds.
  const held = document.getElementById("browser-keys");
  if (held && window.indexedDB) {
    allKeys().then(function (keys) {
      held.textContent = keys.length === 0 ? "none" : keys.map(function (k) { return k.member + " " + k.kid; }).join("; ");
    }, function () { held.textContent = "unavailable"; });
  }
})();
