// Proof of work for the anonymous tip form: find a nonce such that SHA-256(challenge + ":" + nonce)
// starts with `bits` zero bits. Runs as soon as the page loads; sending waits for it.
(function () {
  "use strict";
  var form = document.getElementById("tip-form");
  if (!form || !window.crypto || !window.crypto.subtle) { return; }
  var bits = parseInt(form.dataset.bits, 10) || 0;
  var status = document.getElementById("pow-status");
  var challenge = form.querySelector("input[name=challenge]").value;
  var nonceInput = form.querySelector("input[name=nonce]");
  var encoder = new TextEncoder();
  var waitingToSend = false;

  function zeroBits(buffer) {
    var bytes = new Uint8Array(buffer), count = 0;
    for (var i = 0; i < bytes.length; i++) {
      if (bytes[i] === 0) { count += 8; continue; }
      return count + Math.clz32(bytes[i]) - 24;
    }
    return count;
  }

  async function solve() {
    status.textContent = form.dataset.working;
    for (var start = 0; ; start += 256) {
      var batch = [];
      for (var n = start; n < start + 256; n++) {
        batch.push(crypto.subtle.digest("SHA-256", encoder.encode(challenge + ":" + n)));
      }
      var digests = await Promise.all(batch);
      for (var k = 0; k < digests.length; k++) {
        if (zeroBits(digests[k]) >= bits) { return String(start + k); }
      }
    }
  }

  var solved = solve().then(function (nonce) {
    nonceInput.value = nonce;
    status.textContent = form.dataset.ready;
    if (waitingToSend) { form.submit(); }
  });

  form.addEventListener("submit", function (event) {
    if (!nonceInput.value) { event.preventDefault(); waitingToSend = true; return solved; }
  });
})();
