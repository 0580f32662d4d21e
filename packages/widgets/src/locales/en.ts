/**
 * The complete English catalogue (every widget's strings, the defaults), e.g. as the base of
 * a translation: `import { englishMessages } from '@groupkit/widgets/locales/en'`.
 */
export { englishMessages } from '../messages';
