// Gantry's dashboard: sends the pages' forms to the API as JSON, and follows a live run.
'use strict';
(function () {
  function csrfToken() {
    const meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.content : '';
  }

  // The line a form's answer goes to: the page's own when the form may be replaced as the run goes on.
  function say(form, text, problem) {
    const page = form.dataset.reload === 'false' ? document.getElementById('said') : null;
    const out = page || form.querySelector('output.result');
    if (!out) return;
    out.textContent = text;
    out.classList.toggle('problem', problem);
  }

  async function send(form, submitter) {
    const body = {};
    for (const [name, value] of new FormData(form)) {
      if (value !== '') body[name] = value;
    }
    if (submitter && submitter.name) body[submitter.name] = submitter.value;
    if ('proceed' in body) body.proceed = body.proceed === 'true';
    if ('on' in body) body.on = body.on === 'true';
    const buttons = Array.from(form.querySelectorAll('button'));
    buttons.forEach(b => { b.disabled = true; });
    say(form, 'Sending…', false);
    try {
      const response = await fetch(form.dataset.url, {
        method: 'POST',
        credentials: 'same-origin',
        headers: {
          'Content-Type': 'application/json',
          'Accept': 'application/json',
          'X-CSRF-Token': csrfToken()
        },
        body: JSON.stringify(body)
      });
      const answer = await response.json().catch(() => ({}));
      if (!response.ok) {
        say(form, 'Refused: ' + (answer.error || 'HTTP ' + response.status), true);
        return;
      }
      if (form.dataset.reload === 'true') {
        say(form, 'Done.', false);
        window.location.reload();
      } else {
        say(form, 'Sent: the run answers it in a moment.', false);
      }
    } catch (e) {
      say(form, 'The server could not be reached: ' + e.message, true);
    } finally {
      buttons.forEach(b => { b.disabled = false; });
    }
  }

  document.addEventListener('submit', event => {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.classList.contains('api')) return;
    event.preventDefault();
    send(form, event.submitter);
  });

  // What a person is typing into the live part survives the part being replaced.
  function typed(root) {
    const values = new Map();
    root.querySelectorAll('form.api input[name]:not([type="hidden"])').forEach(input => {
      values.set(input.form.dataset.url + ' ' + input.name, input.value);
    });
    return values;
  }

  function restore(root, values) {
    root.querySelectorAll('form.api input[name]:not([type="hidden"])').forEach(input => {
      const value = values.get(input.form.dataset.url + ' ' + input.name);
      if (value !== undefined) input.value = value;
    });
  }

  // Brings old up to date with next node by node: a node that did not change stays the very node it
  // was, so that a button being pressed, a field being typed in and its focus survive an update of the part.
  function update(old, next) {
    if (old.nodeType !== next.nodeType || old.nodeName !== next.nodeName) {
      old.replaceWith(next);
    } else if (old.nodeType === Node.ELEMENT_NODE) {
      for (const attribute of Array.from(old.attributes)) {
        if (!next.hasAttribute(attribute.name)) old.removeAttribute(attribute.name);
      }
      for (const attribute of Array.from(next.attributes)) {
        if (old.getAttribute(attribute.name) !== attribute.value) old.setAttribute(attribute.name, attribute.value);
      }
      updateChildren(old, next);
    } else if (old.nodeValue !== next.nodeValue) {
      old.nodeValue = next.nodeValue;
    }
  }

  function updateChildren(old, next) {
    const before = Array.from(old.childNodes);
    const after = Array.from(next.childNodes);
    after.forEach((child, i) => {
      if (i < before.length) update(before[i], child);
      else old.appendChild(child);
    });
    before.slice(after.length).forEach(child => child.remove());
  }

  const live = document.getElementById('live');
  if (live && live.dataset.stream && window.EventSource) {
    const source = new EventSource(live.dataset.stream);
    source.addEventListener('view', event => {
      const values = typed(live);
      // The part is rendered by the server with every text escaped, as the page itself is.
      const next = document.createElement('template');
      next.innerHTML = JSON.parse(event.data).html;
      updateChildren(live, next.content);
      restore(live, values);
      live.dataset.updated = event.lastEventId;
    });
    source.addEventListener('end', event => {
      source.close();
      // A stream cut because its session ended says why; the page stays as it last was.
      const reason = event.data ? JSON.parse(event.data).reason : undefined;
      if (reason) {
        const note = document.createElement('p');
        note.className = 'stream-ended';
        note.textContent = 'No longer following this run: ' + reason + '. Reload the page to log in again.';
        live.before(note);
      }
    });
  }
})();
