import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Textarea } from '@/components/ui/textarea';

// The handoff form: the person's name, e-mail or phone, the drafted message (editable) and
// consent. Submitting calls the "handoff_submit" action; the server checks, stores, answers.
export default function HandoffForm() {
  const p = props;
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [message, setMessage] = useState(p.draft || '');
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
        Demande envoyée. {result}
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
      <label htmlFor={id('name')} className="text-sm font-medium">Votre nom</label>
      <Input id={id('name')} name="name" autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} aria-invalid={!!errors.name} />
      {err('name')}
      <label htmlFor={id('email')} className="text-sm font-medium">Votre e-mail</label>
      <Input id={id('email')} name="email" type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} aria-invalid={!!errors.email} />
      {err('email')}
      <label htmlFor={id('phone')} className="text-sm font-medium">Votre téléphone (facultatif si vous donnez un e-mail)</label>
      <Input id={id('phone')} name="phone" type="tel" autoComplete="tel" value={phone} onChange={(e) => setPhone(e.target.value)} aria-invalid={!!errors.phone} />
      {err('phone')}
      <label htmlFor={id('message')} className="text-sm font-medium">Message à {p.organisation} (modifiable)</label>
      <Textarea id={id('message')} name="message" rows={12} value={message} onChange={(e) => setMessage(e.target.value)} aria-invalid={!!errors.message} />
      {err('message')}
      <label className="flex items-start gap-2 text-sm">
        <input id={id('consent')} type="checkbox" checked={consent} onChange={(e) => setConsent(e.target.checked)} className="mt-1" />
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
