import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REPORT_FORMATS, TARGET_GROUPS, type ReportFilters, type ReportFormat } from '@baanrian/contracts';
import { Checkbox, RadioGroup, Select, TextField } from '../../ui';
import type { ReportOptionsDto } from './reports-api';
import { useReportsTranslation } from './reports-i18n';

/** RAC keys cannot be empty: "all" is this id, never sent. */
const ALL = '__all';
/** How many matching courses the list shows at once (a province can have thousands). */
const COURSES_SHOWN = 20;

const withAll = (label: string, options: { id: string; label: string }[]) => [{ id: ALL, label }, ...options];

/** Target groups, format, area, instructor and courses; options come from GET /reports/options. */
export function ReportFiltersFields({ options, filters, onChange }: { options: ReportOptionsDto; filters: ReportFilters; onChange: (filters: ReportFilters) => void }) {
  const { t } = useReportsTranslation();
  const { t: tShared } = useTranslation();
  const set = (patch: Partial<ReportFilters>) => onChange({ ...filters, ...patch });
  const groups = filters.targetGroups ?? [];
  const districts = options.districts.filter((d) => d.province === filters.province);

  return (
    <fieldset className="reports-fieldset">
      <legend>{t('filters.legend')}</legend>
      <fieldset className="reports-fieldset reports-fieldset--inner">
        <legend>{t('filters.targetGroups')}</legend>
        <p className="reports-note">{t('filters.targetGroupsHint')}</p>
        <div className="reports-checks">
          {TARGET_GROUPS.map((group) => (
            <Checkbox
              key={group}
              isSelected={groups.includes(group)}
              onChange={(on) => {
                const next = on ? [...groups, group] : groups.filter((g) => g !== group);
                set({ targetGroups: next.length > 0 ? next : undefined });
              }}
            >
              {tShared(`targetGroup.${group}`)}
            </Checkbox>
          ))}
        </div>
      </fieldset>
      <RadioGroup
        label={t('filters.format')}
        value={filters.format ?? ALL}
        onChange={(value) => set({ format: value === ALL ? undefined : (value as ReportFormat) })}
        options={[{ id: ALL, label: t('filters.allFormats') }, ...REPORT_FORMATS.map((f) => ({ id: f, label: t(`formats.${f}`) }))]}
      />
      <Select
        label={t('filters.province')}
        selectedKey={filters.province ?? ALL}
        onSelectionChange={(key) => set({ province: key === ALL ? undefined : String(key), district: undefined })}
        options={withAll(t('filters.allProvinces'), options.provinces.map((p) => ({ id: p, label: p })))}
      />
      {filters.province && districts.length > 0 && (
        <Select
          label={t('filters.district')}
          selectedKey={filters.district ?? ALL}
          onSelectionChange={(key) => set({ district: key === ALL ? undefined : String(key) })}
          options={withAll(t('filters.allDistricts'), districts.map((d) => ({ id: d.district, label: d.district })))}
        />
      )}
      {options.instructors.length > 1 && (
        <Select
          label={t('filters.instructor')}
          selectedKey={filters.instructorId ?? ALL}
          onSelectionChange={(key) => set({ instructorId: key === ALL ? undefined : String(key) })}
          options={withAll(t('filters.allInstructors'), options.instructors.map((i) => ({ id: i.id, label: i.name })))}
        />
      )}
      <CourseFilter options={options} selected={filters.courseIds ?? []} onChange={(ids) => set({ courseIds: ids.length > 0 ? ids : undefined })} />
    </fieldset>
  );
}

/** Courses by search: the chosen ones always listed, then up to COURSES_SHOWN matches. */
function CourseFilter({ options, selected, onChange }: { options: ReportOptionsDto; selected: string[]; onChange: (ids: string[]) => void }) {
  const { t } = useReportsTranslation();
  const [search, setSearch] = useState('');
  const needle = search.trim().toLocaleLowerCase();
  const chosen = options.courses.filter((c) => selected.includes(c.id));
  const matches = options.courses.filter((c) => !selected.includes(c.id) && (!needle || c.title.toLocaleLowerCase().includes(needle)));
  const shown = [...chosen, ...matches.slice(0, COURSES_SHOWN)];
  if (options.courses.length === 0) return null;
  return (
    <fieldset className="reports-fieldset reports-fieldset--inner">
      <legend>{t('filters.courses')}</legend>
      <p className="reports-note">{selected.length > 0 ? t('filters.coursesChosen', { count: selected.length }) : t('filters.coursesHint')}</p>
      {options.courses.length > COURSES_SHOWN && <TextField label={t('filters.courseSearch')} type="search" value={search} onChange={setSearch} />}
      <div className="reports-checks">
        {shown.map((course) => (
          <Checkbox
            key={course.id}
            isSelected={selected.includes(course.id)}
            onChange={(on) => onChange(on ? [...selected, course.id] : selected.filter((id) => id !== course.id))}
          >
            {course.title}
          </Checkbox>
        ))}
      </div>
      {matches.length > COURSES_SHOWN && (
        <p className="reports-note" role="status">
          {t('filters.moreCourses', { count: matches.length - COURSES_SHOWN })}
        </p>
      )}
    </fieldset>
  );
}
