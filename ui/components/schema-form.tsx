// Form fields drawn from an event's input schema (the JSON Schema of the zod schema in the
// machine's meta), and the way back from submitted form fields to the input object. Field
// names are dotted paths ("correction.facts"), the same paths the API's 422 issues use.
import type { Child } from 'hono/jsx';
import type { Locale } from '../i18n.js';
import { vocabulary, vocabularyText } from '../i18n.js';
import type { CaseText } from '../texts/case-texts.js';

export interface JsonSchema {
  type?: string | string[];
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: string[];
  format?: string;
  maxLength?: number;
  minLength?: number;
  maxItems?: number;
  anyOf?: JsonSchema[];
}

/** How many rows a form offers for a list of objects (a schedule's instalments): no script adds rows. */
const objectListRows = 6;

/** A nullable field is offered as its non-null form; leaving it empty leaves it out. */
function unwrap(schema: JsonSchema): JsonSchema {
  const options = schema.anyOf?.filter((option) => option.type !== 'null');
  return options?.length === 1 ? options[0]! : schema;
}

/** Submitted fields by dotted path; a field sent several times (checkboxes) keeps every value. */
export type FormValues = Record<string, string | string[]>;
/** Options for fields whose values only the page knows (e.g. the platforms still pending). */
export type FieldChoices = Record<string, { value: string; label: string }[]>;

const first = (value: string | string[] | undefined): string =>
  Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
export type FormErrors = Record<string, string[]>;

interface FieldProps {
  schema: JsonSchema;
  path: string;
  name: string;
  required: boolean;
  values: FormValues;
  errors: FormErrors;
  texts: CaseText;
  locale: Locale;
  optionalLabel: string;
  idPrefix: string;
  /** The event the form sends, for field labels worded per event. */
  scope?: string | undefined;
  choices?: FieldChoices | undefined;
}

function Field(props: FieldProps) {
  const schema = unwrap(props.schema);
  const id = `${props.idPrefix}-${props.path.replaceAll('.', '-')}`;
  const label = props.texts.field(props.name, props.scope);
  const errors = props.errors[props.path] ?? [];
  const errorId = errors.length > 0 ? `${id}-error` : undefined;
  const labelText = props.required ? label : `${label} (${props.optionalLabel})`;
  const value = first(props.values[props.path]);
  const invalid = errors.length > 0 || undefined;

  if (schema.type === 'object' && schema.properties) {
    return (
      <fieldset class={errors.length ? 'invalid' : undefined} aria-describedby={errorId}>
        <legend>{labelText}</legend>
        {errors.length > 0 && (
          <p class="field-error" id={errorId}>
            {errors.join(' ')}
          </p>
        )}
        {Object.entries(schema.properties).map(([name, child]) => (
          <Field {...props} schema={child} name={name} path={`${props.path}.${name}`} required={false} />
        ))}
      </fieldset>
    );
  }

  // A list of objects (a schedule's instalments): numbered rows of the item's fields, filled in
  // order; empty rows are left out when the form is read.
  if (schema.type === 'array' && schema.items?.type === 'object' && schema.items.properties) {
    const rows = Math.min(schema.maxItems ?? objectListRows, objectListRows);
    const item = schema.items;
    return (
      <fieldset class={errors.length ? 'invalid rows' : 'rows'} aria-describedby={errorId}>
        <legend>{labelText}</legend>
        {errors.length > 0 && (
          <p class="field-error" id={errorId}>
            {errors.join(' ')}
          </p>
        )}
        {Array.from({ length: rows }, (_, i) => (
          <fieldset class="row">
            <legend>{i + 1}</legend>
            {Object.entries(item.properties ?? {}).map(([name, child]) => (
              <Field
                {...props}
                schema={child}
                name={name}
                path={`${props.path}.${i}.${name}`}
                required={props.required && i === 0 && (item.required ?? []).includes(name)}
              />
            ))}
          </fieldset>
        ))}
      </fieldset>
    );
  }

  let control: Child;
  const choices = props.choices?.[props.path];
  if (choices) {
    control = (
      <select id={id} name={props.path} required={props.required} aria-invalid={invalid} aria-describedby={errorId}>
        {choices.map((choice) => (
          <option value={choice.value} selected={value === choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
    );
  } else if (schema.type === 'array' && schema.items?.enum) {
    const chosen = new Set([props.values[props.path] ?? []].flat());
    return (
      <fieldset class={errors.length ? 'invalid choices' : 'choices'} aria-describedby={errorId}>
        <legend>{labelText}</legend>
        {errors.length > 0 && (
          <p class="field-error" id={errorId}>
            {errors.join(' ')}
          </p>
        )}
        {schema.items.enum.map((option) => (
          <label class="choice">
            <input type="checkbox" name={props.path} value={option} checked={chosen.has(option)} />{' '}
            {props.texts.field(option)}
          </label>
        ))}
      </fieldset>
    );
  } else if (schema.enum) {
    const group = (Object.keys(vocabulary) as (keyof typeof vocabulary)[]).find((g) => g === props.name);
    control = (
      <select
        id={id}
        name={props.path}
        required={props.required}
        aria-invalid={errors.length > 0 || undefined}
        aria-describedby={errorId}
      >
        <option value="">—</option>
        {schema.enum.map((option) => (
          <option value={option} selected={value === option}>
            {group ? vocabularyText(props.locale, group, option) : props.texts.field(option)}
          </option>
        ))}
      </select>
    );
  } else if (schema.type === 'boolean') {
    control = (
      <select
        id={id}
        name={props.path}
        required={props.required}
        aria-invalid={errors.length > 0 || undefined}
        aria-describedby={errorId}
      >
        <option value="">—</option>
        <option value="true" selected={value === 'true'}>
          {props.locale === 'en' ? 'Yes' : '是'}
        </option>
        <option value="false" selected={value === 'false'}>
          {props.locale === 'en' ? 'No' : '否'}
        </option>
      </select>
    );
  } else if (schema.type === 'number' || schema.type === 'integer') {
    control = (
      <input
        type="number"
        step="any"
        id={id}
        name={props.path}
        value={value}
        required={props.required}
        aria-invalid={invalid}
        aria-describedby={errorId}
      />
    );
  } else if (schema.format === 'date') {
    control = (
      <input
        type="date"
        id={id}
        name={props.path}
        value={value}
        required={props.required}
        aria-invalid={errors.length > 0 || undefined}
        aria-describedby={errorId}
      />
    );
  } else if ((schema.maxLength ?? 0) > 300) {
    control = (
      <textarea
        id={id}
        name={props.path}
        rows={4}
        maxlength={schema.maxLength}
        required={props.required}
        aria-invalid={errors.length > 0 || undefined}
        aria-describedby={errorId}
      >
        {value}
      </textarea>
    );
  } else {
    control = (
      <input
        type="text"
        id={id}
        name={props.path}
        value={value}
        maxlength={schema.maxLength}
        required={props.required}
        aria-invalid={errors.length > 0 || undefined}
        aria-describedby={errorId}
      />
    );
  }
  return (
    <div class={errors.length ? 'field invalid' : 'field'}>
      <label for={id}>{labelText}</label>
      {control}
      {errors.length > 0 && (
        <p class="field-error" id={errorId}>
          {errors.join(' ')}
        </p>
      )}
    </div>
  );
}

export function SchemaFields(props: {
  schema: JsonSchema;
  values: FormValues;
  errors: FormErrors;
  texts: CaseText;
  locale: Locale;
  optionalLabel: string;
  idPrefix: string;
  scope?: string;
  choices?: FieldChoices;
}) {
  const required = new Set(props.schema.required ?? []);
  return (
    <>
      {Object.entries(props.schema.properties ?? {}).map(([name, child]) => (
        <Field
          schema={child}
          name={name}
          path={name}
          required={required.has(name) && !isObject(child)}
          values={props.values}
          errors={props.errors}
          texts={props.texts}
          locale={props.locale}
          optionalLabel={props.optionalLabel}
          idPrefix={props.idPrefix}
          scope={props.scope}
          choices={props.choices}
        />
      ))}
    </>
  );
}

function isObject(schema: JsonSchema): boolean {
  return unwrap(schema).type === 'object';
}

/**
 * Submitted fields → the input object. Empty fields are left out (so optional fields stay
 * unset and required ones fail validation with their own message); booleans come back as
 * booleans; a nested object is built from its dotted fields.
 */
export function formToInput(schema: JsonSchema, values: FormValues, prefix = ''): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const [name, raw] of Object.entries(schema.properties ?? {})) {
    const child = unwrap(raw);
    const path = prefix ? `${prefix}.${name}` : name;
    if (child.type === 'object' && child.properties) {
      const nested = formToInput(child, values, path);
      if (Object.keys(nested).length > 0 || (schema.required ?? []).includes(name)) input[name] = nested;
      continue;
    }
    if (child.type === 'array' && child.items?.type === 'object' && child.items.properties) {
      // Rows 0, 1, … as submitted; a row with every field empty is left out.
      const rows: Record<string, unknown>[] = [];
      for (let i = 0; Object.keys(values).some((key) => key.startsWith(`${path}.${i}.`)); i++) {
        const row = formToInput(child.items, values, `${path}.${i}`);
        if (Object.keys(row).length > 0) rows.push(row);
      }
      if (rows.length > 0 || (schema.required ?? []).includes(name)) input[name] = rows;
      continue;
    }
    if (child.type === 'array') {
      const all = [values[path] ?? []].flat().filter((v) => v.trim() !== '');
      if (all.length > 0 || (schema.required ?? []).includes(name)) input[name] = all;
      continue;
    }
    const value = first(values[path]);
    if (value.trim() === '') continue;
    input[name] =
      child.type === 'boolean'
        ? booleanOf(value)
        : child.type === 'number' || child.type === 'integer'
          ? numberOf(value)
          : value;
  }
  return input;
}

/**
 * A number field as typed: decimal notation only. Anything else ("0x10", "1e3", "Infinity")
 * stays text, so the event's schema refuses it with the field's name instead of taking 16.
 */
function numberOf(value: string): number | string {
  return /^-?\d{1,16}(\.\d{1,16})?$/.test(value.trim()) ? Number(value) : value;
}

/** A yes/no field: "true" or "false"; anything else stays text and is refused by the schema. */
function booleanOf(value: string): boolean | string {
  return value === 'true' ? true : value === 'false' ? false : value;
}

/** 422 issues → errors by field path. */
export function errorsByPath(issues: { path: string; message: string }[] | undefined): FormErrors {
  const errors: FormErrors = {};
  for (const issue of issues ?? []) {
    errors[issue.path] ??= [];
    errors[issue.path]!.push(issue.message);
  }
  return errors;
}
