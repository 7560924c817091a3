import { Type } from 'typebox';

/**
 * The ids feeds give their items (observation ids, dossier event ids and codes, the units of
 * official scores): letters, digits and `. _ : @ / -`, starting with a letter or a digit, with no
 * `..` path segment. Ids end up in URLs, file names, log lines and database keys, so NUL, other
 * control characters, spaces, lone surrogates and `../` never get in.
 */
export const FEED_ID_PATTERN = '^(?!.*/\\.\\.(/|$))[A-Za-z0-9][A-Za-z0-9._:@/-]*$';
export const FEED_ID_MAX_LENGTH = 128;
export const FeedIdSchema = Type.String({ minLength: 1, maxLength: FEED_ID_MAX_LENGTH, pattern: FEED_ID_PATTERN });

/**
 * Free text a feed or an operator writes (names, notes, file names): any character but the
 * control characters (tab, line feed and carriage return excepted) and lone surrogates, which
 * PostgreSQL refuses to store (NUL) or which cannot be written as UTF-8.
 */
export const PLAIN_TEXT_PATTERN = '^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F\\uD800-\\uDFFF]*$';
