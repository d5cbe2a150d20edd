/**
 * The JSON v1 decision request and response, and the text rendering of a decision for people.
 */
package dev.pillar.codec.decision;
