import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Checkpoint } from '../../../../src/modules/ledger/portable.ts';
import { useLanguage } from '../../app/languages.ts';
import { Button } from '../../ui/Button.tsx';
import { DescriptionList } from '../../ui/DescriptionList.tsx';
import { StatusIndicator, type StatusTone } from '../../ui/StatusIndicator.tsx';
import {
  checkEventInclusion,
  type InclusionCheck,
  type LeafIndexProblem,
  parseLeafIndex,
} from './eventInclusion.ts';
import { formatCount } from './formatCount.ts';
import { LEDGER_TIMEOUT_MS } from './useCheckpointAudit.ts';

type InclusionState = { kind: 'checking'; leafIndex: bigint } | InclusionCheck;

const tones: Record<InclusionState['kind'], StatusTone> = {
  checking: 'neutral',
  verified: 'positive',
  failed: 'critical',
  unavailable: 'warning',
};

/** Checks one event against the signed checkpoint the page has verified, never against a newer tree. */
export function InclusionCheckForm({ checkpoint }: { checkpoint: Checkpoint }) {
  const { t } = useTranslation('ledger');
  const language = useLanguage();
  const [typed, setTyped] = useState('');
  const [problem, setProblem] = useState<LeafIndexProblem | null>(null);
  const [inclusion, setInclusion] = useState<InclusionState | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const inFlight = useRef<AbortController | null>(null);
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();

  useEffect(() => () => inFlight.current?.abort(), []);

  const limits = {
    size: formatCount(checkpoint.size, language),
    max: formatCount(checkpoint.size - 1n, language),
  };

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    inFlight.current?.abort();
    const parsed = parseLeafIndex(typed, checkpoint.size);
    if (!parsed.ok) {
      setProblem(parsed.problem);
      setInclusion(null);
      // Back in the field, a screen reader reads the label, the hint and the error linked to it.
      inputRef.current?.focus();
      return;
    }
    const { leafIndex } = parsed;
    setProblem(null);
    setInclusion({ kind: 'checking', leafIndex });
    const controller = new AbortController();
    inFlight.current = controller;
    const signal = AbortSignal.any([controller.signal, AbortSignal.timeout(LEDGER_TIMEOUT_MS)]);
    checkEventInclusion(leafIndex, checkpoint, signal)
      .catch((): InclusionCheck => ({ kind: 'unavailable', leafIndex }))
      .then((check) => {
        if (!controller.signal.aborted) setInclusion(check);
      });
  }

  return (
    <section className="ledger-panel">
      <h2>{t('inclusion.heading')}</h2>
      <p>{t('inclusion.explanation')}</p>
      <form className="ledger-form" noValidate onSubmit={handleSubmit}>
        <label htmlFor={inputId} className="ledger-form__label">
          {t('inclusion.label')}
        </label>
        <p id={hintId} className="ledger-form__hint">
          {t('inclusion.hint', limits)}
        </p>
        {problem && (
          <p id={errorId} className="ledger-form__error">
            <span className="visually-hidden">{t('inclusion.errorPrefix')}</span>
            {t(`inclusion.problem.${problem}`, limits)}
          </p>
        )}
        <div className="ledger-form__row">
          <input
            ref={inputRef}
            id={inputId}
            className="ledger-form__input"
            type="text"
            inputMode="numeric"
            autoComplete="off"
            spellCheck={false}
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
            aria-describedby={problem ? `${hintId} ${errorId}` : hintId}
            aria-invalid={problem !== null}
          />
          <Button type="submit">{t('inclusion.submit')}</Button>
        </div>
      </form>
      <div className="ledger-inclusion" role="status" aria-live="polite">
        {inclusion && <InclusionStatement inclusion={inclusion} checkpoint={checkpoint} />}
      </div>
      {(inclusion?.kind === 'verified' || inclusion?.kind === 'failed') && (
        <DescriptionList
          items={[
            {
              term: t('inclusion.leafHash'),
              description: <code className="ledger-code">{inclusion.leafHash}</code>,
            },
            {
              term: t('inclusion.proofLength'),
              description: formatCount(BigInt(inclusion.proofLength), language),
            },
          ]}
        />
      )}
    </section>
  );
}

function InclusionStatement({
  inclusion,
  checkpoint,
}: {
  inclusion: InclusionState;
  checkpoint: Checkpoint;
}) {
  const { t } = useTranslation('ledger');
  const language = useLanguage();
  const values = {
    index: formatCount(inclusion.leafIndex, language),
    size: formatCount(checkpoint.size, language),
  };
  return (
    <>
      <p className="ledger-panel__state">
        <StatusIndicator tone={tones[inclusion.kind]}>
          <span data-testid="ledger-inclusion-state">{t(`inclusion.stateWord.${inclusion.kind}`)}</span>
        </StatusIndicator>
      </p>
      {inclusion.kind !== 'checking' && <p>{t(`inclusion.${inclusion.kind}`, values)}</p>}
    </>
  );
}
