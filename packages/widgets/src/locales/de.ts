/**
 * The complete German catalogue, in its own entry so apps that do not use it never ship it:
 * `import { germanMessages } from '@groupkit/widgets/locales/de'`.
 */
export { germanMessages } from '../messages';
