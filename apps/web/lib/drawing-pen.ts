/** What drawing mode draws with: a tool, a colour, a line width, and the text a text tool places. */
export type DrawingTool = "stroke" | "arrow" | "rectangle" | "ellipse" | "text" | "eraser";

export interface DrawingPen {
  tool: DrawingTool;
  color: string;
  width: number;
  text: string;
}
