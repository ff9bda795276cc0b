package org.millgate.portal.web;

import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * An unknown product or version on any page: the 404 page, naming what was asked for.
 */
@ControllerAdvice
class PageNotFound {

	@ExceptionHandler(CatalogController.NotFound.class)
	@ResponseStatus(HttpStatus.NOT_FOUND)
	String notFound(CatalogController.NotFound notFound, Model model) {
		model.addAttribute("message", notFound.getMessage());
		return "error/404";
	}

}
