// "Copier le message": the only script of the staff pages (the text stays selectable without it).
document.querySelectorAll('button[data-copy]').forEach(function (button) {
  button.hidden = false;
  button.addEventListener('click', function () {
    var area = document.getElementById(button.getAttribute('data-copy'));
    var status = document.querySelector('[data-copied="' + button.getAttribute('data-copy') + '"]');
    function said() { if (status) status.textContent = 'Message copié : collez-le dans votre messagerie.'; }
    area.select();
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(area.value).then(said, function () { document.execCommand('copy'); said(); });
    } else {
      document.execCommand('copy');
      said();
    }
  });
});
