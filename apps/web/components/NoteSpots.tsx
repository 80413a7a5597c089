/** Figma-style pins on the frame: where notes on this frame point, in their authors' colours. */
export function NoteSpots({ spots }: { spots: { id: string; spot: { x: number; y: number }; color: string }[] }) {
  return (
    <div className="pointer-events-none absolute inset-0">
      {spots.map(({ id, spot, color }) => (
        <span
          key={id}
          data-testid="note-spot"
          className="absolute h-4 w-4 -translate-x-1/2 -translate-y-full rounded-full rounded-bl-none border-2 border-white shadow"
          style={{ left: `${spot.x * 100}%`, top: `${spot.y * 100}%`, backgroundColor: color }}
        />
      ))}
    </div>
  );
}
