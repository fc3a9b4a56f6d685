"""(placeholder: this family is being written.)"""
