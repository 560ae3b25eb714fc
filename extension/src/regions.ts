// The region picker's list and items. Pure. The regions are those of the commercial, China and
// GovCloud partitions in Rolecall's region table (awsfiles/regions.go, from botocore); a test checks
// that this list and that table agree.

export interface Region {
  name: string;
  description: string;
}

export const REGIONS: readonly Region[] = [
  { name: 'af-south-1', description: 'Africa (Cape Town)' },
  { name: 'ap-east-1', description: 'Asia Pacific (Hong Kong)' },
  { name: 'ap-east-2', description: 'Asia Pacific (Taipei)' },
  { name: 'ap-northeast-1', description: 'Asia Pacific (Tokyo)' },
  { name: 'ap-northeast-2', description: 'Asia Pacific (Seoul)' },
  { name: 'ap-northeast-3', description: 'Asia Pacific (Osaka)' },
  { name: 'ap-south-1', description: 'Asia Pacific (Mumbai)' },
  { name: 'ap-south-2', description: 'Asia Pacific (Hyderabad)' },
  { name: 'ap-southeast-1', description: 'Asia Pacific (Singapore)' },
  { name: 'ap-southeast-2', description: 'Asia Pacific (Sydney)' },
  { name: 'ap-southeast-3', description: 'Asia Pacific (Jakarta)' },
  { name: 'ap-southeast-4', description: 'Asia Pacific (Melbourne)' },
  { name: 'ap-southeast-5', description: 'Asia Pacific (Malaysia)' },
  { name: 'ap-southeast-6', description: 'Asia Pacific (New Zealand)' },
  { name: 'ap-southeast-7', description: 'Asia Pacific (Thailand)' },
  { name: 'ca-central-1', description: 'Canada (Central)' },
  { name: 'ca-west-1', description: 'Canada West (Calgary)' },
  { name: 'eu-central-1', description: 'Europe (Frankfurt)' },
  { name: 'eu-central-2', description: 'Europe (Zurich)' },
  { name: 'eu-north-1', description: 'Europe (Stockholm)' },
  { name: 'eu-south-1', description: 'Europe (Milan)' },
  { name: 'eu-south-2', description: 'Europe (Spain)' },
  { name: 'eu-west-1', description: 'Europe (Ireland)' },
  { name: 'eu-west-2', description: 'Europe (London)' },
  { name: 'eu-west-3', description: 'Europe (Paris)' },
  { name: 'il-central-1', description: 'Israel (Tel Aviv)' },
  { name: 'me-central-1', description: 'Middle East (UAE)' },
  { name: 'me-south-1', description: 'Middle East (Bahrain)' },
  { name: 'mx-central-1', description: 'Mexico (Central)' },
  { name: 'sa-east-1', description: 'South America (São Paulo)' },
  { name: 'us-east-1', description: 'US East (N. Virginia)' },
  { name: 'us-east-2', description: 'US East (Ohio)' },
  { name: 'us-west-1', description: 'US West (N. California)' },
  { name: 'us-west-2', description: 'US West (Oregon)' },
  { name: 'cn-north-1', description: 'China (Beijing)' },
  { name: 'cn-northwest-1', description: 'China (Ningxia)' },
  { name: 'us-gov-east-1', description: 'AWS GovCloud (US-East)' },
  { name: 'us-gov-west-1', description: 'AWS GovCloud (US-West)' },
];

export interface RegionItem {
  label: string;
  description: string;
  /** The region to set: '' goes back to the profile's own. */
  region: string;
  picked: boolean;
}

/**
 * The picker's items: the session's region first (marked as current), then every region. The first
 * item says which region the session has now.
 */
export function regionItems(current: string): RegionItem[] {
  const items: RegionItem[] = [];
  const known = REGIONS.find((r) => r.name === current);
  if (current) {
    items.push({ label: current, description: `${known?.description ?? ''} (current)`.trim(), region: current, picked: true });
  }
  items.push({ label: "The profile's own region", description: 'as the AWS files say', region: '', picked: false });
  for (const r of REGIONS) {
    if (r.name !== current) {
      items.push({ label: r.name, description: r.description, region: r.name, picked: false });
    }
  }
  return items;
}
