import type { StorybookConfig } from '@storybook/react-vite';
import { ignoreDependencyDirectives, sourceConditions } from '../vite.shared.ts';

const config: StorybookConfig = {
  stories: ['../packages/widgets/src/**/*.stories.@(ts|tsx)'],
  addons: [
    '@storybook/addon-docs',
    '@storybook/addon-a11y',
    '@storybook/addon-vitest',
    'msw-storybook-addon',
  ],
  framework: { name: '@storybook/react-vite', options: {} },
  // mockServiceWorker.js is copied here by the root postinstall (`msw init`).
  staticDirs: ['./public'],
  core: { disableTelemetry: true },
  viteFinal: (viteConfig) => {
    // Stories render the packages' TypeScript sources, never a stale dist/.
    viteConfig.resolve = { ...viteConfig.resolve, conditions: sourceConditions };
    viteConfig.build = {
      ...viteConfig.build,
      rolldownOptions: { ...viteConfig.build?.rolldownOptions, onwarn: ignoreDependencyDirectives },
    };
    return viteConfig;
  },
};

export default config;
