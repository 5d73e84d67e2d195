/**
 * A small synthetic RITA (ground-test) archive behind /rita/search/{TVAC1|TVAC2|FPS} and
 * /download/roman/rita: a dozen ASDF-ish files per campaign. Names, types and dates are
 * invented; the content starts with an ASDF header so a glance at a file looks right.
 */
import {MB} from './catalog.js';
import {logUniform, rngFor} from './rng.js';
import type {Product} from './archive.js';

export const RITA_CAMPAIGNS = ['TVAC1', 'TVAC2', 'FPS'] as const;
export type RitaCampaign = (typeof RITA_CAMPAIGNS)[number];

const ASDF_HEADER = '#ASDF 1.0.0\n#ASDF_STANDARD 1.5.0\n%YAML 1.1\n%TAG ! tag:stsci.edu:asdf/\n--- !core/asdf-1.1.0\n';
const CAMPAIGN_START: Record<RitaCampaign, number> = {
	TVAC1: Date.UTC(2024, 2, 11),
	TVAC2: Date.UTC(2024, 10, 4),
	FPS: Date.UTC(2025, 4, 19),
};
const PER_CAMPAIGN = 12;

export function ritaProducts(seed: number, campaign: RitaCampaign): Product[] {
	const random = rngFor(seed, 'rita', campaign);
	const products: Product[] = [];
	let t = CAMPAIGN_START[campaign];
	for (let i = 0; i < PER_CAMPAIGN; i++) {
		t += Math.floor((1 + random() * 5) * 3_600_000);
		const sca = 1 + Math.floor(random() * 18);
		const stamp = new Date(t).toISOString().replace(/[-:]/g, '').slice(0, 15);
		const endMs = t - Math.floor(random() * 3_600_000);
		products.push({
			name: `${campaign}_WFI${String(sca).padStart(2, '0')}_${stamp}_${String(i + 1).padStart(4, '0')}.asdf`,
			fileType: `RITA ${campaign} Exposure`,
			ingestMs: t,
			size: Math.round(logUniform(random, 1 * MB, 24 * MB)),
			startMs: endMs - Math.floor((1 + random() * 20) * 60_000),
			endMs,
			dup: false,
			collection: 'rita',
			header: ASDF_HEADER,
		});
	}
	return products;
}
