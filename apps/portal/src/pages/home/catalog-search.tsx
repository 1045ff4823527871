import { useEffect, useId, useState, type FormEvent } from 'react';
import { CATALOG_QUERY_MAX_LENGTH } from '@baanrian/contracts';
import { useCatalogTranslation } from '../catalog/catalog-i18n';

/**
 * The free-text search: a plain GET form (`/?q=…`), so it also works before the scripts load;
 * once they have, submitting updates the URL in place.
 */
export function CatalogSearch({ value, onSearch }: { value: string; onSearch: (q: string | undefined) => void }) {
  const { t } = useCatalogTranslation();
  const id = useId();
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSearch(text.trim() || undefined);
  };

  return (
    <form className="catalog-search" role="search" action="/" method="get" onSubmit={submit}>
      <label htmlFor={id}>{t('search.label')}</label>
      <p id={`${id}-hint`} className="catalog-search__hint">
        {t('search.hint')}
      </p>
      <div className="catalog-search__row">
        <input
          id={id}
          name="q"
          type="search"
          value={text}
          maxLength={CATALOG_QUERY_MAX_LENGTH}
          aria-describedby={`${id}-hint`}
          autoComplete="off"
          onChange={(event) => setText(event.target.value)}
        />
        <button type="submit" className="ui-button ui-button--primary">
          {t('search.submit')}
        </button>
      </div>
      {value && (
        <button type="button" className="catalog-search__clear ui-button ui-button--quiet" onClick={() => onSearch(undefined)}>
          {t('search.clear')}
        </button>
      )}
    </form>
  );
}
