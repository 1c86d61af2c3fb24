// The JSONata functions offered by completion, with their signatures as the
// JSONata documentation writes them (https://docs.jsonata.org/string-functions,
// numeric-functions, aggregation-functions, boolean-functions, array-functions,
// date-time-functions). Only the ones an analyst mapping records reaches for.
export interface JsonataFunction {
  name: string;
  args: string;
  doc: string;
}

export const JSONATA_FUNCTIONS: JsonataFunction[] = [
  { name: '$string', args: 'arg', doc: 'The value as text.' },
  { name: '$length', args: 'str', doc: 'Number of characters in the text.' },
  { name: '$substring', args: 'str, start[, length]', doc: 'Part of the text, from a position (0 is the first).' },
  { name: '$substringBefore', args: 'str, chars', doc: 'The text before the first occurrence of chars.' },
  { name: '$substringAfter', args: 'str, chars', doc: 'The text after the first occurrence of chars.' },
  { name: '$uppercase', args: 'str', doc: 'The text in capital letters.' },
  { name: '$lowercase', args: 'str', doc: 'The text in small letters.' },
  { name: '$trim', args: 'str', doc: 'The text without leading, trailing and repeated spaces.' },
  { name: '$pad', args: 'str, width[, char]', doc: 'The text padded to a width (negative pads on the left).' },
  { name: '$contains', args: 'str, pattern', doc: 'true when the text contains the pattern.' },
  { name: '$split', args: 'str, separator[, limit]', doc: 'The text cut into a list at each separator.' },
  { name: '$join', args: 'array[, separator]', doc: 'A list of texts joined into one.' },
  { name: '$replace', args: 'str, pattern, replacement[, limit]', doc: 'The text with the pattern replaced.' },
  { name: '$number', args: 'arg', doc: 'The value as a number; an error when it is not one.' },
  { name: '$round', args: 'number[, precision]', doc: 'The number rounded (to even on .5).' },
  { name: '$floor', args: 'number', doc: 'The number rounded down.' },
  { name: '$ceil', args: 'number', doc: 'The number rounded up.' },
  { name: '$abs', args: 'number', doc: 'The number without its sign.' },
  {
    name: '$formatNumber',
    args: 'number, picture',
    doc: 'The number as text, e.g. $formatNumber(1234.5, "#,##0.00").',
  },
  { name: '$sum', args: 'array', doc: 'The sum of a list of numbers, e.g. of the lines’ amounts.' },
  { name: '$count', args: 'array', doc: 'The number of items in a list.' },
  { name: '$max', args: 'array', doc: 'The largest number of a list.' },
  { name: '$min', args: 'array', doc: 'The smallest number of a list.' },
  { name: '$average', args: 'array', doc: 'The mean of a list of numbers.' },
  { name: '$boolean', args: 'arg', doc: 'The value as true or false.' },
  { name: '$not', args: 'arg', doc: 'true when the value is false or empty.' },
  { name: '$exists', args: 'arg', doc: 'true when the field has a value on the record.' },
  { name: '$append', args: 'array1, array2', doc: 'Two lists as one.' },
  { name: '$distinct', args: 'array', doc: 'The list without repeated items.' },
  { name: '$now', args: '[picture[, timezone]]', doc: 'The time the record is mapped, as an ISO 8601 timestamp.' },
  { name: '$millis', args: '', doc: 'The time the record is mapped, in milliseconds since 1970.' },
  { name: '$fromMillis', args: 'number[, picture[, timezone]]', doc: 'A time in milliseconds as a timestamp text.' },
  { name: '$toMillis', args: 'timestamp[, picture]', doc: 'A timestamp text as milliseconds since 1970.' },
  { name: '$lookup', args: 'object, key', doc: 'The value of a key of an object.' },
  { name: '$keys', args: 'object', doc: 'The keys of an object.' },
  { name: '$error', args: 'message', doc: 'Fails the record with this message.' },
];
