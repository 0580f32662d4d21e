-- Member lists sort in SQL exactly as the engine compares (`compareText`: `localeCompare`
-- with 'en', the ICU root order, which English does not tailor). Nondeterministic, so texts
-- ICU finds equal (NFC against NFD, ignorable characters) tie as `localeCompare`'s 0 does,
-- and the next sort key decides, instead of their bytes.
CREATE COLLATION IF NOT EXISTS "groupkit_text" (provider = icu, locale = 'und', deterministic = false);
