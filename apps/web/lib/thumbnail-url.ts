/** Where the browser fetches a note's thumbnail: by the hash of its bytes, so it is cached for good. */
export const thumbnailUrl = (roomId: string, hash: string) => `/rooms/${encodeURIComponent(roomId)}/thumbnails/${hash}`;
