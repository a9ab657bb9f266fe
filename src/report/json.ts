/** The report as JSON (DESIGN section 4): it is already plain data, so it is written as is. */
import type { Renderer } from './index.js';

const renderJson: Renderer = (report) => `${JSON.stringify(report, null, 2)}\n`;

export default renderJson;
