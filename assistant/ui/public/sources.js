// Chainlit opens its side panel with every cited passage each time an answer arrives; on a phone
// the panel covers the whole chat. Keep it closed until the person opens a citation chip [n].
(function () {
  var lastChip = 0;
  function isChip(target) {
    for (var el = target, i = 0; el && i < 4; el = el.parentElement, i++) {
      if (/^\[\d+\]$/.test((el.textContent || '').trim())) return true;
    }
    return false;
  }
  document.addEventListener('click', function (e) { if (isChip(e.target)) lastChip = Date.now(); }, true);
  document.addEventListener('keydown', function (e) {
    if ((e.key === 'Enter' || e.key === ' ') && isChip(e.target)) lastChip = Date.now();
  }, true);
  function closeUnasked() {
    var title = document.getElementById('side-view-title');
    if (!title || Date.now() - lastChip < 2000) return;
    var dialog = title.closest('[role="dialog"]');
    if (dialog) {
      dialog.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', code: 'Escape', bubbles: true }));
      return;
    }
    var button = title.querySelector('button');
    if (button) button.click();
  }
  new MutationObserver(closeUnasked).observe(document.documentElement, { childList: true, subtree: true });
})();
