import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Textarea } from '@/components/ui/textarea';

// The handoff form: the person's name, e-mail or phone, the drafted message (editable) and
// consent. Submitting calls the "handoff_submit" action; the server checks, stores, answers.
// The message ends with a signature (name, e-mail, phone) that follows the fields as they are
// typed, until the person edits the end of the message themselves.
function signature(name, email, phone) {
  const lines = [name.trim(), email.trim(), phone.trim()].filter((x) => x);
  return lines.length ? '\n' + lines.join('\n') : '';
}

export default function HandoffForm() {
  const p = props;
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [message, setMessage] = useState(p.draft || '');
  const [sig, setSig] = useState('');
  function follow(n, e, t) {
    const next = signature(n, e, t);
    setMessage((m) => (m.endsWith(sig) ? m.slice(0, m.length - sig.length) + next : m));
    setSig(next);
  }
  const [consent, setConsent] = useState(false);
  const [errors, setErrors] = useState({});
  const [state, setState] = useState('editing');
  const [result, setResult] = useState('');
  const id = (f) => `handoff-${p.form_id}-${f}`;

  async function submit(e) {
    e.preventDefault();
    if (state === 'sending') return;
    setState('sending');
    try {
      const res = await callAction({
        name: 'handoff_submit',
        payload: { form_id: p.form_id, name, email, phone, message, consent },
      });
      const r = res && res.response;
      if (r && r.ok) {
        setResult(r.text);
        setState('done');
      } else {
        setErrors((r && r.errors) || { _form: "L'envoi n'a pas abouti : réessayez." });
        setState('editing');
      }
    } catch (err) {
      setErrors({ _form: 'Connexion au serveur perdue : vos informations sont toujours là, réessayez dans un instant.' });
      setState('editing');
    }
  }

  if (state === 'done') {
    return (
      <div className="rounded-md border p-3 text-sm" data-testid="handoff-done" role="status">
        {result}
      </div>
    );
  }
  if (state === 'cancelled') {
    return <div className="text-sm text-muted-foreground" role="status">Mise en relation annulée : rien n'a été enregistré.</div>;
  }
  const err = (f) => errors[f] ? <p id={id(f) + '-error'} className="text-sm text-red-600" role="alert">{errors[f]}</p> : null;
  return (
    <form onSubmit={submit} className="flex flex-col gap-2 rounded-md border p-3 w-full" aria-label={`Mise en relation avec ${p.organisation}`} noValidate>
      <p className="text-sm">{p.channel}</p>
      <p className="text-sm text-muted-foreground">Votre nom et vos coordonnées s'ajoutent en signature du message pendant que vous les tapez.</p>
      <label htmlFor={id('name')} className="text-sm font-medium">Votre nom</label>
      <Input id={id('name')} name="name" autoComplete="name" value={name} onChange={(e) => { setName(e.target.value); follow(e.target.value, email, phone); }} aria-invalid={!!errors.name} aria-describedby={errors.name ? id('name') + '-error' : undefined} />
      {err('name')}
      <label htmlFor={id('email')} className="text-sm font-medium">Votre e-mail</label>
      <Input id={id('email')} name="email" type="email" autoComplete="email" value={email} onChange={(e) => { setEmail(e.target.value); follow(name, e.target.value, phone); }} aria-invalid={!!errors.email} aria-describedby={errors.email ? id('email') + '-error' : undefined} />
      {err('email')}
      <label htmlFor={id('phone')} className="text-sm font-medium">Votre téléphone (facultatif si vous donnez un e-mail)</label>
      <Input id={id('phone')} name="phone" type="tel" autoComplete="tel" value={phone} onChange={(e) => { setPhone(e.target.value); follow(name, email, e.target.value); }} aria-invalid={!!errors.phone} aria-describedby={errors.phone ? id('phone') + '-error' : undefined} />
      {err('phone')}
      <label htmlFor={id('message')} className="text-sm font-medium">Message à {p.organisation} (modifiable)</label>
      <Textarea id={id('message')} name="message" rows={12} value={message} onChange={(e) => setMessage(e.target.value)} aria-invalid={!!errors.message} aria-describedby={errors.message ? id('message') + '-error' : undefined} />
      {err('message')}
      <label className="flex items-start gap-2 text-sm">
        <input id={id('consent')} type="checkbox" aria-invalid={!!errors.consent} aria-describedby={errors.consent ? id('consent') + '-error' : undefined} checked={consent} onChange={(e) => setConsent(e.target.checked)} className="mt-1" />
        <span>{p.consent_text}</span>
      </label>
      {err('consent')}
      {err('_form')}
      <div className="flex gap-2">
        <Button type="submit" disabled={state === 'sending'}>{state === 'sending' ? 'Enregistrement…' : 'Envoyer la demande'}</Button>
        <Button type="button" variant="outline" onClick={() => setState('cancelled')}>Annuler</Button>
      </div>
    </form>
  );
}
