/** Every `fontSize` set anywhere in a chart option (axes, labels, mark lines, tooltips, legends). */
export function fontSizesOf(option: unknown): number[] {
  const sizes: number[] = [];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value !== null && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        if (key === 'fontSize' && typeof inner === 'number') sizes.push(inner);
        else walk(inner);
      }
    }
  };
  walk(option);
  return sizes;
}
