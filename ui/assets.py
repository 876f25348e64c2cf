"""The page's stylesheet and its one script: what Gradio's components cannot do by themselves.

The script (put in the page's head by `launch`) only adds behaviour to the HTML `ui.render` writes; it never
inserts guide or user text as HTML (only `textContent`), so nothing in a question or a document can run.
"""

from __future__ import annotations

import json

CSS = """
.ca-answer p, .ca-refusal p, .ca-question p { margin: 0 0 .5em 0; }
.ca-answer p:last-of-type { margin-bottom: 0; }
a.ca-marker { color: var(--color-accent); font-size: .8em; font-weight: 600; vertical-align: super;
  line-height: 0; padding: 0 1px; text-decoration: none; cursor: pointer; position: relative; }
a.ca-marker:hover, a.ca-marker:focus-visible { text-decoration: underline; }
.ca-preview { display: none; position: absolute; left: 0; top: 1.6em; z-index: 20; width: min(22rem, 70vw);
  padding: .45em .6em; border-radius: 6px; font-size: .8rem; font-weight: 400; line-height: 1.35;
  vertical-align: baseline; text-align: left; white-space: normal; color: var(--body-text-color);
  background: var(--background-fill-primary); border: 1px solid var(--border-color-primary);
  box-shadow: 0 4px 14px rgba(0, 0, 0, .15); }
.ca-preview b { display: block; margin-bottom: .2em; }
a.ca-marker:hover .ca-preview, a.ca-marker:focus .ca-preview { display: block; }
.ca-streaming p:last-child::after { content: "▍"; opacity: .6; animation: ca-blink 1s steps(2) infinite; }
@keyframes ca-blink { to { opacity: 0; } }
.ca-pending { color: var(--body-text-color-subdued); font-style: italic; }
.ca-standalone, .ca-note { margin-top: .5em; font-size: .8em; color: var(--ca-subdued); }
.ca-sources { margin-top: .75em; padding-top: .5em; border-top: 1px solid var(--border-color-primary); }
.ca-sources-title { font-size: .75em; font-weight: 600; letter-spacing: .05em; text-transform: uppercase;
  color: var(--ca-subdued); margin-bottom: .25em; }
details.ca-footnote { margin: .25em 0; border-radius: 6px; background: var(--background-fill-secondary);
  padding: .3em .6em; font-size: .9em; scroll-margin-top: 1em; }
details.ca-footnote > summary { cursor: pointer; }
details.ca-footnote.ca-flash { outline: 2px solid var(--color-accent); }
.ca-num { font-weight: 700; color: var(--color-accent); }
.ca-section { font-weight: 600; }
.ca-source { color: var(--ca-subdued); font-size: .9em; }
/* Gradio dims chat messages a little: subdued text inside them is darker than the theme's to keep 4.5:1. */
.ca-answer, .ca-refusal { --ca-subdued: #334155; }
.dark .ca-answer, .dark .ca-refusal { --ca-subdued: #cbd5e1; }
.ca-passage { margin-top: .4em; padding: .4em .6em; border-left: 3px solid var(--color-accent);
  background: var(--background-fill-primary); border-radius: 0 4px 4px 0; }
.ca-refusal { border-left: 4px solid #b45309; background: rgba(217, 119, 6, .08); padding: .6em .8em;
  border-radius: 0 6px 6px 0; }
.ca-refusal-title { font-weight: 700; color: #7c2d12; margin-bottom: .3em; }
.dark .ca-refusal-title { color: #fbbf24; }
.ca-nearest { margin-top: .4em; }
.ca-tools { margin-top: .5em; }
button.ca-copy { font-size: .75em; padding: .1em .6em; border-radius: 4px; cursor: pointer;
  border: 1px solid var(--border-color-primary); background: var(--background-fill-secondary);
  color: var(--body-text-color); }
#ca-notice:empty, #ca-counter:empty { display: none; }
#ca-chat .example { border: 1px solid var(--border-color-primary); border-radius: 8px; cursor: pointer;
  background: var(--background-fill-secondary); }
#ca-chat .example:hover, #ca-chat .example:focus-visible { border-color: var(--color-accent); }
.ca-error { color: #b91c1c; font-size: .9em; }
.dark .ca-error { color: #fca5a5; }
.ca-ok { color: #166534; }
.dark .ca-ok { color: #86efac; }
#ca-counter { font-size: .8em; color: var(--body-text-color-subdued); text-align: right; }
#ca-counter.ca-over { color: #b91c1c; font-weight: 600; }
#ca-header h1 { margin: 0 0 .2em 0; font-size: 1.5em; }
#ca-header p { margin: 0; font-size: .9em; }
.ca-report ul, .ca-corpus ul { margin: .25em 0 0 1.2em; }
.ca-report li.ca-refused { color: #b91c1c; }
.ca-report li.ca-added { color: #166534; }
.dark .ca-report li.ca-refused { color: #fca5a5; }
.dark .ca-report li.ca-added { color: #86efac; }
.ca-corpus table { width: 100%; border-collapse: collapse; font-size: .9em; }
.ca-corpus th, .ca-corpus td { text-align: left; padding: .25em .5em;
  border-bottom: 1px solid var(--border-color-primary); }
"""

_SCRIPT = """
(() => {
  const LIMIT = %(limit)s, WARN_AT = Math.floor(LIMIT * 0.8);
  // The question box's counter: shown from 80%% of the limit on, red past it.
  function count(box) {
    const counter = document.querySelector('#ca-counter');
    if (!counter) return;
    const n = box.value.length;
    counter.textContent = n >= WARN_AT ? `${n.toLocaleString('en')} / ${LIMIT.toLocaleString('en')} characters` +
      (n > LIMIT ? ` (${(n - LIMIT).toLocaleString('en')} over the limit)` : '') : '';
    counter.classList.toggle('ca-over', n > LIMIT);
  }
  document.addEventListener('input', (e) => {
    if (e.target.matches && e.target.matches('#ca-question textarea')) count(e.target);
  });
  // A [n] marker opens its footnote and scrolls to it.
  document.addEventListener('click', (e) => {
    const marker = e.target.closest && e.target.closest('a.ca-marker');
    if (marker) {
      e.preventDefault();
      e.stopPropagation();
      const note = document.getElementById(marker.getAttribute('href').slice(1));
      if (!note) return;
      note.open = true;
      note.scrollIntoView({block: 'nearest', behavior: 'instant'});
      note.classList.add('ca-flash');
      setTimeout(() => note.classList.remove('ca-flash'), 1500);
      note.querySelector('summary').focus({preventScroll: true});
      return;
    }
    const copy = e.target.closest && e.target.closest('button.ca-copy');
    if (copy) {
      e.stopPropagation();
      const message = copy.closest('.ca-answer, .ca-refusal');
      const text = plainText(message);
      const done = () => { copy.textContent = 'Copied'; setTimeout(() => { copy.textContent = 'Copy'; }, 2000); };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(done, () => fallback(text, done));
      }
      else fallback(text, done);
    }
  }, true);
  function fallback(text, done) {
    const area = document.createElement('textarea');
    area.value = text; area.style.position = 'fixed'; area.style.left = '-9999px';
    document.body.appendChild(area); area.select();
    try { document.execCommand('copy'); done(); } finally { area.remove(); }
  }
  // An answer as plain text: its paragraphs, then its sources numbered as in the text.
  function plainText(message) {
    const parts = [];
    message.querySelectorAll(':scope > p, .ca-body > p, .ca-refusal-text > p').forEach((p) => {
      const copy = p.cloneNode(true);
      copy.querySelectorAll('.ca-preview').forEach((el) => el.remove());
      parts.push(copy.textContent.trim());
    });
    const notes = [...message.querySelectorAll('details.ca-footnote > summary, details.ca-nearby > summary')]
      .map((s) => s.textContent.trim());
    if (notes.length) parts.push('Sources:\\n' + notes.join('\\n'));
    return parts.join('\\n\\n');
  }
  // Gradio names each message by its raw content, which is HTML here: name it by its text instead.
  function relabel(root) {
    root.querySelectorAll('[aria-label*="message: <"]').forEach((el) => {
      const who = el.getAttribute('aria-label').split(' message: ')[0].replace("'s", '');
      const text = (el.querySelector('.message-content') || el).textContent.replace(/\\s+/g, ' ').trim();
      el.setAttribute('aria-label', `${who === 'user' ? 'Question' : 'Answer'}: ${text.slice(0, 200)}`);
    });
  }
  // A new answer is scrolled to its start (its question at the top of the chat), not to its end. The page
  // lays the chat out again a few times as the answer arrives: the question stays pinned there for two
  // seconds, unless the reader scrolls first.
  let rows = 0, pinned = null, pinUntil = 0;
  const unpin = () => { pinUntil = 0; };
  ['wheel', 'touchstart', 'keydown'].forEach((type) => document.addEventListener(type, unpin, {passive: true}));
  function pin() {
    const box = pinned && pinned.isConnected && pinned.closest('.bubble-wrap');
    if (box && Date.now() < pinUntil) {
      box.scrollTop += pinned.getBoundingClientRect().top - box.getBoundingClientRect().top - 8;
    }
  }
  function scrollToNewest() {
    const users = document.querySelectorAll('#ca-chat .user-row');
    if (users.length > rows) {
      pinned = users[users.length - 1];
      pinUntil = Date.now() + 2000;
      [0, 100, 300, 1000, 2000].forEach((ms) => setTimeout(pin, ms));
    } else if (users.length && users[users.length - 1] !== pinned) {
      pinned = users[users.length - 1];  // re-rendered: the same question in a new element
    }
    rows = users.length;
    pin();
  }
  // On a phone the conversations sidebar starts closed, so the chat is the first screen.
  const started = Date.now();
  let sidebarDone = window.innerWidth >= 768, nextTry = 0;
  function closeSidebarOnPhones() {
    const sidebar = document.querySelector('#ca-sidebar');
    if (sidebarDone || !sidebar) return;
    if (!sidebar.classList.contains('open') || Date.now() - started > 10000) { sidebarDone = true; return; }
    if (Date.now() < nextTry) return;
    nextTry = Date.now() + 400;  // give a click time to take effect before trying again
    setTimeout(() => { if (sidebar.classList.contains('open')) sidebar.querySelector('.toggle-button').click(); }, 50);
  }
  new MutationObserver(() => { closeSidebarOnPhones(); relabel(document); scrollToNewest(); })
    .observe(document.documentElement, {subtree: true, childList: true, attributes: true,
                                        attributeFilter: ['aria-label']});
})();
"""


def head(limit: int) -> str:
    """The page's `<script>`, told the question length limit (the library's, from settings)."""
    return "<script>" + _SCRIPT % {"limit": json.dumps(int(limit))} + "</script>"
