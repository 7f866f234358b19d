/**
 * The OCSF compiler fails loudly on a tree it cannot resolve, naming the file: a parent, an
 * included file, a class or object, an attribute's type that is not there, and the command exits
 * 2 with that message, writing nothing. A tree read from disk compiles as the same tree in memory.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileOcsf, OCSF_SCHEMA_FILE, ocsf } from '../../../scripts/ocsf/compile-ocsf.ts';
import { readTree, type Json } from '../../../scripts/ocsf/ocsf-tree.ts';
import { runCases } from '../../support/cases.ts';
import { temporaryDirectories } from '../../support/temporary.ts';
import { compileError, tinyTree, writeTinyTree, type Compiled } from './tiny-tree.ts';

const object = (name: string, body: Json = {}) => ({
  [`objects/${name}.json`]: { name, caption: name, attributes: { name: {} }, ...body },
});
const klass = (name: string, body: Json = {}) => ({
  [`events/${name}.json`]: {
    name,
    caption: name,
    category: 'iam',
    uid: 1,
    attributes: { activity_id: { enum: { 1: { caption: 'Create' } } } },
    ...body,
  },
});

describe('a tree that does not resolve: the message names the file', () => {
  runCases<Omit<Compiled, 'at'>, string>(
    [
      [
        'an object that extends an object the tree lacks',
        {
          given: { files: object('user', { extends: '_nobody' }), objects: ['user'] },
          want: 'tiny/objects/user.json: extends "_nobody", which is no OCSF object',
        },
      ],
      [
        'a class that extends a class the tree lacks',
        {
          given: { files: klass('logon', { extends: 'base_nothing' }), classes: ['logon'] },
          want: 'tiny/events/logon.json: extends "base_nothing", which is no OCSF class',
        },
      ],
      [
        'objects that extend each other',
        {
          given: { files: { ...object('a', { extends: 'b' }), ...object('b', { extends: 'a' }) }, objects: ['a'] },
          want: 'tiny/objects/b.json: extends "a" in a cycle',
        },
      ],
      [
        'an object asked for that the tree lacks',
        { given: { files: {}, objects: ['user'] }, want: 'tiny: no OCSF object named "user"' },
      ],
      [
        'a class asked for that the tree lacks',
        { given: { files: {}, classes: ['logon'] }, want: 'tiny: no OCSF class named "logon"' },
      ],
      [
        'an attribute whose type is neither a dictionary type nor an object',
        {
          given: { files: object('thing', { attributes: { device: {} } }), objects: ['thing'] },
          want: 'tiny/objects/thing.json: attribute "device" has type "device", which is neither a type of dictionary.json nor an OCSF object',
        },
      ],
      [
        'an attribute the dictionary lacks, with no type of its own',
        {
          given: { files: object('thing', { attributes: { ghost: {} } }), objects: ['thing'] },
          want: 'tiny/dictionary.json: attribute "ghost" has no type',
        },
      ],
      [
        'an $include of a file the tree lacks',
        {
          given: {
            files: object('thing', { attributes: { $include: ['profiles/nope.json'], name: {} } }),
            objects: ['thing'],
          },
          want: 'tiny/objects/thing.json: attributes.$include names "profiles/nope.json", which is no file of the tree',
        },
      ],
      [
        'a class whose category is not in categories.json',
        {
          given: { files: klass('logon', { category: 'nowhere' }), classes: ['logon'] },
          want: 'tiny/events/logon.json: class "logon" has no uid or no category in categories.json',
        },
      ],
      [
        'a class without activities',
        {
          given: { files: klass('logon', { attributes: { name: {} } }), classes: ['logon'] },
          want: 'tiny/events/logon.json: class "logon" has no activity_id enum',
        },
      ],
      [
        'a file without a name',
        {
          given: { files: { 'objects/anonymous.json': { caption: 'Nobody' } } },
          want: 'tiny/objects/anonymous.json: no "name"',
        },
      ],
      [
        'a tree that resolves (the control)',
        { given: { files: object('thing'), objects: ['thing'] }, want: 'compiled' },
      ],
    ],
    compileError,
  );
});

describe('the command on a tree on disk', () => {
  const temporary = temporaryDirectories();
  const run = (...argv: string[]) => {
    const lines: string[] = [];
    const output = {
      log: (line: string) => lines.push(`log: ${line}`),
      error: (line: string) => lines.push(`error: ${line}`),
    };
    return { status: ocsf(argv, output), lines };
  };

  it('reads the tree as treeOf does, folders nested', () => {
    const dir = temporary('ocsf-tree-');
    const files = { ...object('thing'), 'events/iam/logon.json': klass('logon')['events/logon.json']! };
    writeTinyTree(dir, files);
    const emitted = { classes: ['logon'], objects: ['thing'] };
    expect(compileOcsf(readTree(dir), emitted)).toEqual(compileOcsf(tinyTree(files), emitted));
  });

  it('exits 2 naming the file when the tree does not resolve, and writes nothing', () => {
    const before = readFileSync(OCSF_SCHEMA_FILE, 'utf8');
    const dir = temporary('ocsf-tree-');
    writeTinyTree(dir, klass('account_change', { extends: 'base_nothing' }));
    expect(run('--source', dir)).toEqual({
      status: 2,
      lines: [
        `error: npm run ocsf: ${join(dir, 'events/account_change.json')}: extends "base_nothing", which is no OCSF class`,
      ],
    });
    expect(readFileSync(OCSF_SCHEMA_FILE, 'utf8')).toBe(before);
  });

  runCases<string[], { status: number; lines: string[] }>(
    [
      [
        'a source that is not there',
        {
          given: ['--check', '--source', '/nonexistent/ocsf'],
          want: { status: 2, lines: ['error: npm run ocsf: no OCSF schema tree at /nonexistent/ocsf'] },
        },
      ],
      [
        'an unknown argument',
        {
          given: ['--chek'],
          want: {
            status: 2,
            lines: [
              'error: npm run ocsf: unknown argument "--chek"; usage: npm run ocsf -- [--check] [--source <dir>]',
            ],
          },
        },
      ],
    ],
    (argv) => run(...argv),
  );
});
