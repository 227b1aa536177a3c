// What Chainlit's interface lacks for this chat, done in the page:
// - the citation panel shows the passage of the [n] chip the person clicked, and nothing else.
//   Chainlit opens its side panel with every cited passage of the conversation each time an
//   answer arrives (titled with the newest marker); on a phone that panel covers the chat. Such a
//   panel is put back to the chip clicked, or closed when none was;
// - Escape closes the panel and gives the focus back to the chip;
// - a panel whose passage cannot be loaded says so in French;
// - French names for the buttons Chainlit leaves unnamed or names in English, and lang="fr".
(function () {
  document.documentElement.lang = 'fr';
  var wanted = false; // the person opened a citation; reset once that panel has closed
  var chip = null; // the chip they opened it from
  var where = null; // and where it is: its message's id, its rank there (messages re-render)
  var shown = false;
  var NAMES = {
    '#theme-toggle': 'Thème de l\u2019affichage (clair ou sombre)',
    '#chat-submit': 'Envoyer le message',
    '#new-chat-button': 'Nouvelle conversation',
    '#readme-button': 'Lisez-moi : à propos de l\u2019assistant'
  };
  var LOAD_ERROR = 'Le passage n\u2019a pas pu être chargé (connexion au serveur perdue ?). ' +
    'Fermez ce panneau et rouvrez la source dans un instant.';

  function chipOf(target) {
    var el = target && target.closest ? target.closest('a.element-link') : null;
    if (el) return el;
    for (el = target, i = 0; el && i < 4; el = el.parentElement, i++) {
      if (/^\[\d+\]$/.test((el.textContent || '').trim())) return el;
    }
    return null;
  }
  var i;
  function remember(c) {
    wanted = true;
    chip = c;
    var step = c.closest('[id^="step-"]');
    where = step ? { step: step.id, rank: Array.prototype.indexOf.call(step.querySelectorAll('a.element-link'), c) } : null;
  }
  function currentChip() {
    if (chip && chip.isConnected) return chip;
    if (!where) return null;
    var step = document.getElementById(where.step);
    var found = step ? step.querySelectorAll('a.element-link')[where.rank] : null;
    if (found) chip = found;
    return found || null;
  }
  document.addEventListener('click', function (e) {
    var c = chipOf(e.target);
    if (c) { remember(c); if (c.getAttribute('href') === '#') e.preventDefault(); }
  }, true);
  document.addEventListener('keydown', function (e) {
    if ((e.key === 'Enter' || e.key === ' ') && chipOf(e.target)) remember(chipOf(e.target));
    if (e.key === 'Escape' && document.getElementById('side-view-title')) {
      // the focus goes back to the marker, unless the person was typing elsewhere
      var at = document.activeElement;
      var panel = document.getElementById('side-view-content');
      var title = document.getElementById('side-view-title');
      closePanel(!at || at === document.body || chipOf(at) !== null ||
                 (panel && panel.contains(at)) || (title && title.contains(at)));
    }
  }, true);

  function closePanel(focusChip) {
    var title = document.getElementById('side-view-title');
    if (!title) return;
    var dialog = title.closest('[role="dialog"]');
    if (dialog) {
      dialog.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', code: 'Escape', bubbles: true }));
    } else {
      var button = title.querySelector('button');
      if (button) button.click();
    }
    // once the panel has gone (the chat re-renders): the focus back on the marker
    if (focusChip) {
      [50, 250, 600, 1200].forEach(function (ms) {
        setTimeout(function () {
          var c = currentChip();
          var at = document.activeElement;
          if (c && (!at || at === document.body || !at.isConnected || at.closest('#side-view-title'))) c.focus();
        }, ms);
      });
    }
  }

  function fixPanel(retries) {
    var title = document.getElementById('side-view-title');
    if (!title) {
      if (shown) { wanted = false; shown = false; }
      return;
    }
    shown = true;
    var content = document.getElementById('side-view-content');
    var count = content ? content.children.length : 0;
    if (wanted && count <= 1) return; // the panel the person asked for
    var again = wanted ? currentChip() : null;
    if (again) {
      // Chainlit replaced it with every passage: back to the one clicked
      again.click();
      return;
    }
    // the sheet may not listen yet while it mounts: check again a little later
    if (retries < 8) setTimeout(function () { fixPanel(retries + 1); }, 150);
    closePanel(false);
  }

  function name() {
    Object.keys(NAMES).forEach(function (sel) {
      var el = document.querySelector(sel);
      if (!el) return;
      if (el.getAttribute('aria-label') !== NAMES[sel]) el.setAttribute('aria-label', NAMES[sel]);
      var sr = el.querySelector('.sr-only');
      if (sr && sr.textContent !== NAMES[sel]) sr.textContent = NAMES[sel];
    });
    var title = document.getElementById('side-view-title');
    if (title) {
      var back = title.querySelector('button');
      if (back && !back.getAttribute('aria-label')) back.setAttribute('aria-label', 'Fermer le passage');
    }
    document.querySelectorAll('[role="dialog"] button').forEach(function (b) {
      var sr = b.querySelector('.sr-only');
      if (sr && sr.textContent === 'Close') { sr.textContent = 'Fermer'; }
    });
    document.querySelectorAll('#side-view-content [role="alert"], #side-view-content .alert')
      .forEach(function (a) {
        if (/An error occurred/.test(a.textContent || '')) a.textContent = LOAD_ERROR;
      });
    document.querySelectorAll('#side-view-content').forEach(function (c) {
      c.querySelectorAll('div, p').forEach(function (d) {
        if (d.children.length === 0 && d.textContent === 'An error occurred while loading the content') {
          d.textContent = LOAD_ERROR;
        }
      });
    });
    // the phone's panel (a dialog) is labelled by its title, whose id Chainlit replaced
    document.querySelectorAll('[role="dialog"]').forEach(function (d) {
      ['aria-labelledby', 'aria-describedby'].forEach(function (attr) {
        var ref = d.getAttribute(attr);
        if (!ref || document.getElementById(ref)) return;
        if (attr === 'aria-labelledby' && d.querySelector('#side-view-title')) {
          d.setAttribute(attr, 'side-view-title');
        } else {
          d.removeAttribute(attr);
          var heading = attr === 'aria-labelledby' && d.querySelector('h1, h2, h3');
          if (heading && !d.getAttribute('aria-label')) d.setAttribute('aria-label', heading.textContent);
        }
      });
    });
    // the panel's resize handle points at an id that does not exist
    document.querySelectorAll('[aria-controls]').forEach(function (el) {
      var target = el.getAttribute('aria-controls');
      if (target && !document.getElementById(target)) el.removeAttribute('aria-controls');
    });
    // the scroll-down arrow: named, and out of the way of the answer's buttons
    document.querySelectorAll('button.rounded-full').forEach(function (b) {
      if (b.querySelector('svg.lucide-arrow-down') && !b.getAttribute('aria-label')) {
        b.setAttribute('aria-label', 'Aller au dernier message');
        b.parentElement && b.parentElement.classList.add('scroll-down');
      }
    });
  }

  var pending = false;
  new MutationObserver(function () {
    fixPanel(0);
    if (!pending) {
      pending = true;
      requestAnimationFrame(function () { pending = false; name(); });
    }
  }).observe(document.documentElement, { childList: true, subtree: true });
})();
