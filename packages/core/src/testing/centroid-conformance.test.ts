import { centroidPlugin } from './centroid-plugin.js';
import { describeClassifierConformance } from './describe-classifier-conformance.js';
import { type ResourceCounter, variantPlugin } from './test-support/broken-plugins.js';

// The worked example must pass the suite it documents.
describeClassifierConformance(centroidPlugin(), {
  options: { shrink: 0 },
  invalidOptions: [{ shrink: 2 }, { shrink: 'a lot' }],
});

// The same plugin with a resource count, so the suite's leak checks run here too.
const counter: ResourceCounter = { live: 0 };
describeClassifierConformance(variantPlugin('counted-centroid', counter), {
  tensorMemory: () => counter.live,
});
