/**
 * PageLab's files as JSON (Jackson's streaming parser and generator): snapshots, journals that replay, fault
 * timelines, replay results, miss-ratio curves and scenario files, read as untrusted input; entry point
 * {@link dev.pagelab.json.PageLabJson}, formats in {@code docs/json-formats.md}.
 */
package dev.pagelab.json;
