// The fields a filing on someone else's behalf adds (the subject, the record's decision number,
// the filer's relation, the authorisation letter), and the contact phone every filing may carry.
// The service's refusals come back keyed by these names (src/services/file-on-behalf.ts).
import { onBehalfRelations, type OnBehalfRelation } from '../../src/domain/on-behalf.js';
import type { PageContext } from '../page-context.js';
import type { FormErrors, FormValues } from './schema-form.js';

export const onBehalfRelationKeys = {
  spouse: 'relationSpouse',
  parent: 'relationParent',
  child: 'relationChild',
  relative: 'relationRelative',
  employee: 'relationEmployee',
  lawyer: 'relationLawyer',
  other: 'relationOther',
} as const satisfies Record<OnBehalfRelation, string>;

const enteredValue = (values: FormValues, name: string) => {
  const value = values[name];
  return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
};

function FieldError(props: { id: string; errors: string[] }) {
  return props.errors.length > 0 ? (
    <p class="field-error" id={props.id}>
      {props.errors.join(' ')}
    </p>
  ) : null;
}

function TextField(props: {
  idPrefix: string;
  name: string;
  label: string;
  hint?: string;
  values: FormValues;
  errors: FormErrors;
  required?: boolean;
  type?: string;
  autocomplete?: string;
  inputmode?: 'tel' | 'text';
}) {
  const id = `${props.idPrefix}-${props.name}`;
  const errors = props.errors[props.name] ?? [];
  const described = [props.hint ? `${id}-hint` : '', errors.length ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class={errors.length ? 'field invalid' : 'field'}>
      <label for={id}>{props.label}</label>
      {props.hint && (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      )}
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        value={enteredValue(props.values, props.name)}
        required={props.required}
        autocomplete={props.autocomplete}
        inputmode={props.inputmode}
        aria-invalid={errors.length > 0 || undefined}
        aria-describedby={described || undefined}
      />
      <FieldError id={`${id}-error`} errors={errors} />
    </div>
  );
}

/** Optional on every citizen's filing: stored sealed, shown masked to staff. */
export function ContactPhoneField(props: {
  page: PageContext;
  values: FormValues;
  errors: FormErrors;
  idPrefix: string;
}) {
  const { t } = props.page;
  return (
    <TextField
      idPrefix={props.idPrefix}
      name="contactPhone"
      label={`${t('contactPhone')} (${t('optional')})`}
      hint={t('contactPhoneHint')}
      values={props.values}
      errors={props.errors}
      type="tel"
      autocomplete="tel"
      inputmode="tel"
    />
  );
}

/** Who the filing is for, and the letter that allows it. */
export function OnBehalfFields(props: { page: PageContext; values: FormValues; errors: FormErrors; failed: boolean }) {
  const { page, values, errors } = props;
  const { t } = page;
  const id = 'on-behalf';
  const relationErrors = errors.relation ?? [];
  const letterErrors = errors.authorisation ?? [];
  const chosen = enteredValue(values, 'relation');
  return (
    <fieldset class="on-behalf">
      <legend>{t('onBehalfSubject')}</legend>
      <TextField
        idPrefix={id}
        name="subjectResidentId"
        label={t('onBehalfSubjectResidentId')}
        values={values}
        errors={errors}
        required
        autocomplete="off"
      />
      <TextField
        idPrefix={id}
        name="subjectName"
        label={t('onBehalfSubjectName')}
        values={values}
        errors={errors}
        required
      />
      <TextField
        idPrefix={id}
        name="decisionNumber"
        label={t('onBehalfDecisionNumber')}
        hint={t('onBehalfDecisionNumberHint')}
        values={values}
        errors={errors}
        required
      />
      <div class={relationErrors.length ? 'field invalid' : 'field'}>
        <label for={`${id}-relation`}>{t('onBehalfRelation')}</label>
        <select
          id={`${id}-relation`}
          name="relation"
          required
          aria-invalid={relationErrors.length > 0 || undefined}
          aria-describedby={relationErrors.length ? `${id}-relation-error` : undefined}
        >
          <option value="">—</option>
          {onBehalfRelations.map((relation) => (
            <option value={relation} selected={chosen === relation}>
              {t(onBehalfRelationKeys[relation])}
            </option>
          ))}
        </select>
        <FieldError id={`${id}-relation-error`} errors={relationErrors} />
      </div>
      <div class={letterErrors.length ? 'field invalid' : 'field'}>
        <label for={`${id}-authorisation`}>{t('onBehalfLetter')}</label>
        <p class="hint" id={`${id}-authorisation-hint`}>
          {t('onBehalfLetterHint')}
        </p>
        {props.failed && (
          <p class="files-again" role="status">
            {t('filesChooseAgain')}
          </p>
        )}
        <input
          type="file"
          id={`${id}-authorisation`}
          name="authorisation"
          accept="application/pdf,image/png,image/jpeg,image/webp"
          aria-invalid={letterErrors.length > 0 || undefined}
          aria-describedby={[`${id}-authorisation-hint`, letterErrors.length ? `${id}-authorisation-error` : '']
            .filter(Boolean)
            .join(' ')}
        />
        <FieldError id={`${id}-authorisation-error`} errors={letterErrors} />
      </div>
    </fieldset>
  );
}
