/**
 * The controllers: the contract's JSON, entity tags and cache headers.
 */
package org.millgate.masterdata.web;
