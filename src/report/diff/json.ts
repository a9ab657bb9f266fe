/** The diff as JSON: already plain data. */
import type { DiffRenderer } from './index.js';

const renderJson: DiffRenderer = (diff) => `${JSON.stringify(diff, null, 2)}\n`;

export default renderJson;
