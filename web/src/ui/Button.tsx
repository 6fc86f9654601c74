import type { ButtonHTMLAttributes } from 'react';
import './button.css';

type ButtonProps = Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'type'> & {
  /** Defaults to "button": outside a form's own submit button, a button must never submit by accident. */
  type?: 'button' | 'submit';
};

export function Button({ type = 'button', className, ...props }: ButtonProps) {
  return <button type={type} className={className ? `button ${className}` : 'button'} {...props} />;
}
