import { join } from 'node:path';
import { cardClip } from '../fixtures/card-scene.ts';
import { readImageRgb } from '../fixtures/image.ts';
import { writeY4m } from '../fixtures/y4m.ts';
import { ID_FRONT_CLEAN_Y4M, JOURNEY_CARD_DIR } from './browser.ts';
const rgb = readImageRgb(join(JOURNEY_CARD_DIR, 'id-front-clean-21000.jpg'), 856, 540);
writeY4m(ID_FRONT_CLEAN_Y4M, cardClip(1280, 720, 15, 30, { width: 856, height: 540, rgb }));
