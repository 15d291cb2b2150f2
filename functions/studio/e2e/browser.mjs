// What the studio's browser scripts share: how Debian's chromium is started, and how a canvas is read back.

/** Headless chromium with WebGL on the CPU (SwiftShader): no GPU on the build machines. */
export function launchOptions() {
  const args = ['--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist'];
  if (process.getuid?.() === 0) {
    args.push('--no-sandbox'); // chromium refuses to run its sandbox as root (CI containers)
  }
  return { executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args };
}

/**
 * The share of the preview canvas's pixels that differ from its background colour (read back from the WebGL
 * canvas through a 2D canvas: the real drawn pixels, not an assumption).
 */
export async function canvasCoverage(page) {
  return page.evaluate(() => {
    const source = document.getElementById('canvas');
    const copy = document.createElement('canvas');
    copy.width = source.width;
    copy.height = source.height;
    const context = copy.getContext('2d');
    context.drawImage(source, 0, 0);
    const { data } = context.getImageData(0, 0, copy.width, copy.height);
    const [r, g, b] = [data[0], data[1], data[2]]; // a corner: the background
    let differing = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b) > 24) {
        differing++;
      }
    }
    return { width: copy.width, height: copy.height, background: [r, g, b], share: differing / (data.length / 4) };
  });
}
