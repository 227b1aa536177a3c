import { useEffect, useRef, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';

// Under an answer: "Copier la réponse" (plain text with the list of its sources, not Markdown
// with dangling [n]), "M'envoyer cette réponse" (an e-mail address and consent), and the
// accessible names of the answer's [n] chips ("source 1 : <titre>").
export default function AnswerTools() {
  const p = props;
  const ref = useRef(null);
  const [copied, setCopied] = useState('');
  const [mailState, setMailState] = useState('closed');
  const [email, setEmail] = useState('');
  const [consent, setConsent] = useState(false);
  const [error, setError] = useState({});
  const [result, setResult] = useState('');
  const id = (f) => `answer-${(p.mail || 'x').slice(-12)}-${f}`;

  useEffect(() => {
    const root = ref.current && ref.current.closest('.step');
    if (!root) return undefined;
    const label = () => {
      root.querySelectorAll('a.element-link').forEach((a) => {
        const name = p.labels[(a.textContent || '').trim()];
        if (name && a.getAttribute('aria-label') !== name) {
          a.setAttribute('aria-label', name);
          a.setAttribute('title', name);
        }
      });
    };
    label();
    const observer = new MutationObserver(label);
    observer.observe(root, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(p.text);
    } catch (err) {
      // no clipboard permission (plain http): copy through a hidden text area
      const area = document.createElement('textarea');
      area.value = p.text;
      area.setAttribute('readonly', '');
      area.style.position = 'fixed';
      area.style.opacity = '0';
      document.body.appendChild(area);
      area.select();
      document.execCommand('copy');
      area.remove();
    }
    setCopied('Réponse copiée, avec la liste de ses sources.');
    setTimeout(() => setCopied(''), 4000);
  }

  async function send(e) {
    e.preventDefault();
    if (mailState === 'sending') return;
    setMailState('sending');
    try {
      const res = await callAction({ name: 'answer_mail_submit', payload: { form_id: p.mail, email, consent } });
      const r = res && res.response;
      if (r && r.ok) {
        setResult(r.text);
        setMailState('done');
      } else {
        setError({ [(r && r.field) || '_form']: (r && r.error) || "L'envoi n'a pas pu être enregistré : réessayez." });
        setMailState('open');
      }
    } catch (err) {
      setError({ _form: 'Connexion au serveur perdue : réessayez dans un instant.' });
      setMailState('open');
    }
  }

  const err = (f) => error[f] ? <p id={id(f) + '-error'} className="text-sm text-red-700" role="alert">{error[f]}</p> : null;
  return (
    <div ref={ref} className="answer-tools flex flex-col gap-2 w-full">
      <div className="flex flex-wrap items-center gap-2">
        <Button type="button" variant="outline" size="sm" onClick={copy}>Copier la réponse</Button>
        {p.mail && mailState === 'closed' ? (
          <Button type="button" variant="outline" size="sm" onClick={() => setMailState('open')}>M'envoyer cette réponse</Button>
        ) : null}
        <span role="status" className="text-sm">{copied}</span>
      </div>
      {mailState === 'open' || mailState === 'sending' ? (
        <form onSubmit={send} className="flex flex-col gap-2 rounded-md border p-3 w-full" aria-label="M'envoyer cette réponse par e-mail" noValidate>
          <label htmlFor={id('email')} className="text-sm font-medium">Votre e-mail</label>
          <Input id={id('email')} type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} aria-invalid={!!error.email} aria-describedby={error.email ? id('email') + '-error' : undefined} />
          {err('email')}
          <label className="flex items-start gap-2 text-sm">
            <input id={id('consent')} type="checkbox" checked={consent} onChange={(e) => setConsent(e.target.checked)} className="mt-1" aria-invalid={!!error.consent} aria-describedby={error.consent ? id('consent') + '-error' : undefined} />
            <span>{p.consent_text}</span>
          </label>
          {err('consent')}
          {err('_form')}
          <div className="flex flex-wrap gap-2">
            <Button type="submit" disabled={mailState === 'sending'}>{mailState === 'sending' ? 'Enregistrement…' : 'Envoyer la réponse'}</Button>
            <Button type="button" variant="outline" onClick={() => setMailState('closed')}>Annuler</Button>
          </div>
        </form>
      ) : null}
      {mailState === 'done' ? <p className="text-sm" role="status" data-testid="answer-mail-done">{result}</p> : null}
    </div>
  );
}
