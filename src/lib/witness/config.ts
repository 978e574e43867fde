/** How the client reaches signalling and STUN/TURN, as served by `GET /api/witness/config`. */
export interface WitnessClientConfig {
	path: string;
	key: string;
	/** Empty on a LAN: host candidates suffice. */
	iceServers: RTCIceServer[];
}

/** Fetches the witness configuration from our own server. */
export async function fetchWitnessConfig(
	fetchFn: typeof fetch = fetch
): Promise<WitnessClientConfig> {
	const res = await fetchFn('/api/witness/config');
	if (!res.ok) throw new Error(`witness config: HTTP ${res.status}`);
	return (await res.json()) as WitnessClientConfig;
}
