import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { Textarea } from '@/components/ui/textarea';

// What is wrong with an answer: one reason among four, and a comment.
export default function FeedbackForm() {
  const p = props;
  const [reason, setReason] = useState('');
  const [comment, setComment] = useState('');
  const [state, setState] = useState('editing');
  const [error, setError] = useState('');
  const id = (f) => `feedback-${p.form_id}-${f}`;

  async function submit(e) {
    e.preventDefault();
    if (state === 'sending') return;
    setState('sending');
    try {
      const res = await callAction({ name: 'feedback_submit', payload: { form_id: p.form_id, reason, comment } });
      const r = res && res.response;
      if (r && r.ok) { setState('done'); }
      else { setError((r && r.error) || "Votre avis n'a pas pu être enregistré : réessayez."); setState('editing'); }
    } catch (err) {
      setError('Connexion au serveur perdue : réessayez dans un instant.');
      setState('editing');
    }
  }
  if (state === 'done') {
    return <div className="text-sm" role="status" data-testid="feedback-done">{p.question ? `Merci : votre remarque sur la réponse à « ${p.question} » est transmise à l'équipe qui relit les réponses.` : "Merci : votre remarque est transmise à l'équipe qui relit les réponses."}</div>;
  }
  return (
    <form onSubmit={submit} className="flex flex-col gap-2 rounded-md border p-3 w-full" aria-label="Signaler un problème dans la réponse">
      <p className="text-sm font-medium">{p.question ? `Votre remarque sur la réponse à « ${p.question} »` : 'Votre remarque sur la réponse ci-dessus'}</p>
      <fieldset className="flex flex-col gap-1">
        <legend className="text-sm font-medium">Qu'est-ce qui ne va pas ?</legend>
        {p.reasons.map(([key, label]) => (
          <label key={key} className="flex items-center gap-2 text-sm">
            <input type="radio" name={id('reason')} value={key} checked={reason === key} onChange={() => setReason(key)} />
            {label}
          </label>
        ))}
      </fieldset>
      <label htmlFor={id('comment')} className="text-sm font-medium">Commentaire (facultatif)</label>
      <Textarea id={id('comment')} rows={3} value={comment} onChange={(e) => setComment(e.target.value)} />
      {error ? <p className="text-sm text-red-600" role="alert">{error}</p> : null}
      <div><Button type="submit" disabled={state === 'sending'}>Envoyer mon avis</Button></div>
    </form>
  );
}
