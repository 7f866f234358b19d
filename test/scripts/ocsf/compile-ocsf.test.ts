/**
 * The OCSF compiler (scripts/ocsf) over tiny trees in memory: what each construct of the OCSF
 * tree compiles to (a dictionary attribute, `extends`, a profile, dictionary types, enums, the
 * class identifiers, constraints, objects we emit or not), each pinned as the JSON Schema fragment
 * it becomes.
 */
import { describe } from 'vitest';
import type { Json } from '../../../scripts/ocsf/ocsf-tree.ts';
import { runCases } from '../../support/cases.ts';
import { compiledPart, type Compiled } from './tiny-tree.ts';

const DEVICE = { 'objects/device.json': { name: 'device', caption: 'Device', attributes: { name: {} } } };
const ENTITY = {
  'objects/_entity.json': {
    name: '_entity',
    caption: 'Entity',
    attributes: { name: { requirement: 'recommended' }, uid: { requirement: 'recommended' } },
    constraints: { at_least_one: ['name', 'uid'] },
  },
};
const USER = {
  'objects/user.json': {
    name: 'user',
    caption: 'User',
    extends: '_entity',
    attributes: { uid: { requirement: 'required' }, email_addr: {} },
  },
};
const BASE_EVENT = {
  'events/base_event.json': {
    name: 'base_event',
    caption: 'Base Event',
    attributes: {
      activity_id: { requirement: 'required' },
      class_uid: { requirement: 'required' },
      time: { requirement: 'required' },
    },
  },
};
const CLOUD_PROFILE = {
  'profiles/cloud.json': { name: 'cloud', caption: 'Cloud', attributes: { region: { requirement: 'required' } } },
};
const AUTHENTICATION = {
  'events/iam/authentication.json': {
    name: 'authentication',
    caption: 'Authentication',
    extends: 'base_event',
    category: 'iam',
    uid: 2,
    attributes: {
      $include: ['profiles/cloud.json'],
      activity_id: { enum: { 1: { caption: 'Logon' }, 2: { caption: 'Logoff' } } },
      user: { requirement: 'required' },
    },
  },
};
const CLASS_FILES = { ...ENTITY, ...USER, ...BASE_EVENT, ...CLOUD_PROFILE, ...AUTHENTICATION };

const required = { 'x-ocsf-requirement': 'required' };
const string = (type = 'string_t'): Json => ({ 'x-ocsf-type': type, type: 'string' });

describe('npm run ocsf: each construct of the tree, compiled', () => {
  runCases<Compiled, unknown>(
    [
      [
        'dictionary attributes: the type from dictionary.json, arrays, json_t as anything, an object we do not emit left open',
        {
          given: {
            files: {
              ...DEVICE,
              'objects/thing.json': {
                name: 'thing',
                caption: 'Thing',
                attributes: {
                  name: { requirement: 'required' },
                  labels: { requirement: 'recommended' },
                  data: {},
                  device: {},
                },
              },
            },
            objects: ['thing'],
            at: ['$defs', 'object.thing'],
          },
          want: {
            title: 'Thing',
            type: 'object',
            properties: {
              data: { 'x-ocsf-type': 'json_t' },
              device: { 'x-ocsf-type': 'device', type: 'object', 'x-ocsf-object': 'device' },
              labels: {
                'x-ocsf-type': 'string_t',
                'x-ocsf-requirement': 'recommended',
                type: 'array',
                items: { type: 'string' },
              },
              name: { ...string(), ...required },
            },
            required: ['name'],
            additionalProperties: false,
          },
        },
      ],
      [
        'an object we emit: a reference to its definition',
        {
          given: {
            files: { ...DEVICE, 'objects/thing.json': { name: 'thing', caption: 'Thing', attributes: { device: {} } } },
            objects: ['thing', 'device'],
            at: ['$defs', 'object.thing', 'properties', 'device'],
          },
          want: { 'x-ocsf-type': 'device', $ref: '#/$defs/object.device' },
        },
      ],
      [
        "an object that extends another: the parent's attributes and constraints, refined by its own",
        {
          given: { files: { ...ENTITY, ...USER }, objects: ['user'], at: ['$defs', 'object.user'] },
          want: {
            title: 'User',
            type: 'object',
            properties: {
              email_addr: string('email_t'),
              name: { ...string(), 'x-ocsf-requirement': 'recommended' },
              uid: { ...string(), ...required },
            },
            required: ['uid'],
            anyOf: [{ required: ['name'] }, { required: ['uid'] }],
            additionalProperties: false,
          },
        },
      ],
      [
        'a just_one constraint: oneOf, naming only attributes the object has',
        {
          given: {
            files: {
              'objects/pick.json': {
                name: 'pick',
                caption: 'Pick',
                attributes: { name: {}, uid: {} },
                constraints: { just_one: ['name', 'uid', 'absent'] },
              },
            },
            objects: ['pick'],
            at: ['$defs', 'object.pick', 'oneOf'],
          },
          want: [{ required: ['name'] }, { required: ['uid'] }],
        },
      ],
      [
        'dictionary types: timestamp_t through long_t to an integer, email_t to a string, port_t to an integer (its range is not compiled)',
        {
          given: {
            files: {
              'objects/endpoint.json': {
                name: 'endpoint',
                caption: 'Endpoint',
                attributes: { time: {}, email_addr: {}, port: {} },
              },
            },
            objects: ['endpoint'],
            at: ['$defs', 'object.endpoint', 'properties'],
          },
          want: {
            email_addr: string('email_t'),
            port: { 'x-ocsf-type': 'port_t', type: 'integer' },
            time: { 'x-ocsf-type': 'timestamp_t', type: 'integer' },
          },
        },
      ],
      [
        "an enum attribute: the dictionary's ids and the object's own, as integers in order, with their captions",
        {
          given: {
            files: {
              'objects/outcome.json': {
                name: 'outcome',
                caption: 'Outcome',
                attributes: { status_id: { requirement: 'required', enum: { 2: { caption: 'Failure' } } } },
              },
            },
            objects: ['outcome'],
            at: ['$defs', 'object.outcome', 'properties', 'status_id'],
          },
          want: {
            'x-ocsf-type': 'integer_t',
            ...required,
            type: 'integer',
            enum: [0, 1, 2],
            'x-ocsf-captions': { 0: 'Unknown', 1: 'Success', 2: 'Failure' },
          },
        },
      ],
      [
        "a class: its parent's attributes, its uid from its category, type_uid per activity, a profile's attribute optional and marked",
        {
          given: { files: CLASS_FILES, classes: ['authentication'], at: ['$defs', 'class.authentication'] },
          want: {
            title: 'Authentication',
            type: 'object',
            'x-ocsf-class-uid': 3002,
            'x-ocsf-category': { name: 'iam', uid: 3, caption: 'Identity & Access Management' },
            properties: {
              activity_id: {
                'x-ocsf-type': 'integer_t',
                ...required,
                type: 'integer',
                enum: [0, 1, 2, 99],
                'x-ocsf-captions': { 0: 'Unknown', 1: 'Logon', 2: 'Logoff', 99: 'Other' },
              },
              category_uid: { 'x-ocsf-type': 'integer_t', ...required, const: 3 },
              class_uid: { 'x-ocsf-type': 'integer_t', ...required, const: 3002 },
              region: { ...string(), ...required, 'x-ocsf-profile': 'cloud' },
              time: { 'x-ocsf-type': 'timestamp_t', ...required, type: 'integer' },
              type_uid: { 'x-ocsf-type': 'long_t', ...required, enum: [300200, 300201, 300202, 300299] },
              user: { 'x-ocsf-type': 'user', ...required, type: 'object', 'x-ocsf-object': 'user' },
            },
            required: ['activity_id', 'class_uid', 'time', 'user'],
            additionalProperties: false,
          },
        },
      ],
      [
        'the classes by uid, for a validator that reads class_uid',
        {
          given: { files: CLASS_FILES, classes: ['authentication'], at: ['x-ocsf-classes'] },
          want: { 3002: '#/$defs/class.authentication' },
        },
      ],
      ['the version of the tree', { given: { files: {}, at: ['x-ocsf-version'] }, want: '0.1.0-tiny' }],
    ],
    compiledPart,
  );
});
