import { healthieCase } from './healthie';
import { heroHealthCase } from './heroHealth';
import type { PipelineCase } from './types';

/** Every trigger's delivery path; each vendor adds its case here. */
export const pipelineCases: PipelineCase[] = [heroHealthCase, healthieCase];
