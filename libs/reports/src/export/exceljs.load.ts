import type ExcelJS from 'exceljs';

let loaded: typeof ExcelJS | undefined;

/**
 * exceljs, loaded on the first spreadsheet rather than when the API or worker starts: it costs
 * about 20 MB resident, and most processes write no spreadsheet for hours (the API's resident
 * memory is a benchmark target, issue 10).
 */
export function excelJs(): typeof ExcelJS {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (loaded ??= require('exceljs') as typeof ExcelJS);
}
