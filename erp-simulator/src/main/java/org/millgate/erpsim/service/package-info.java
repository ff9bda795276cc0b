/**
 * What the simulated ERP serves, as data: services, entity sets with their properties and
 * navigations, and function imports, each as one ERP release names them. The protocol
 * code reads these definitions; it knows no entity by name.
 */
package org.millgate.erpsim.service;
