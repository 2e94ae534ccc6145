// Rendering: Preact with htm's tagged templates (no build step, no eval: htm parses the
// template once into calls of h()). The files come from npm through vendor/ (Makefile).
import { h, render, Fragment } from "/vendor/preact.js";
import { useState, useEffect, useRef, useMemo, useCallback } from "/vendor/preact-hooks.js";
import htm from "/vendor/htm.js";

export const html = htm.bind(h);
export { h, render, Fragment, useState, useEffect, useRef, useMemo, useCallback };
