// Entry of `groupkit-server` (the bin runs the built copy; `npm run server` runs this file).
import { main } from './main';

void main();
