/**
 * Production operations for Eddy services: configuration from the environment and .env files,
 * logging, metrics, tracing, health, graceful shutdown, cluster and the loop watchdog.
 */
package dev.eddy.ops;
