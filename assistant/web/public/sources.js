// Chainlit opens its side panel with every cited passage each time an answer arrives; on a phone
// the panel covers the whole chat. Keep it closed unless the person opened a citation chip [n].
(function () {
  var wanted = false; // the person opened a citation; reset once that panel has closed
  var shown = false;
  function isChip(target) {
    for (var el = target, i = 0; el && i < 4; el = el.parentElement, i++) {
      if (/^\[\d+\]$/.test((el.textContent || '').trim())) return true;
    }
    return false;
  }
  document.addEventListener('click', function (e) { if (isChip(e.target)) wanted = true; }, true);
  document.addEventListener('keydown', function (e) {
    if ((e.key === 'Enter' || e.key === ' ') && isChip(e.target)) wanted = true;
  }, true);
  function closeUnasked(retries) {
    var title = document.getElementById('side-view-title');
    if (!title) {
      if (shown) { wanted = false; shown = false; }
      return;
    }
    shown = true;
    if (wanted) return;
    // the sheet may not listen yet while it mounts: check again a little later
    if (retries < 8) setTimeout(function () { closeUnasked(retries + 1); }, 150);
    var dialog = title.closest('[role="dialog"]');
    if (dialog) {
      dialog.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', code: 'Escape', bubbles: true }));
      return;
    }
    var button = title.querySelector('button');
    if (button) button.click();
  }
  new MutationObserver(function () { closeUnasked(0); })
    .observe(document.documentElement, { childList: true, subtree: true });
})();
