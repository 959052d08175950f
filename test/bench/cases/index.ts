import { healthieCase } from './healthie';
import { hearLinkCase } from './hearLink';
import { heroHealthCase } from './heroHealth';
import { rxScaleCase } from './rxScale';
import type { PipelineCase } from './types';

/** Every trigger's delivery path; each vendor adds its case here. */
export const pipelineCases: PipelineCase[] = [heroHealthCase, healthieCase, hearLinkCase, rxScaleCase];
