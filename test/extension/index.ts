// extensionTestsPath entry: the extension host require()s this file and awaits run().
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30000 });
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown) => rejections.push(reason);
  process.on('unhandledRejection', onRejection);
  const grep = process.env.RUNS_EXPLORER_GREP;
  if (grep) mocha.grep(grep);
  for (const f of fs.readdirSync(__dirname).sort()) if (f.endsWith('.test.js')) mocha.addFile(path.join(__dirname, f));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => {
      process.off('unhandledRejection', onRejection);
      if (failures) reject(new Error(`${failures} extension test(s) failed.`));
      else if (rejections.length) reject(new Error(`Unhandled promise rejection(s) during the tests: ${rejections.map(String).join('; ')}`));
      else resolve();
    });
  });
}
